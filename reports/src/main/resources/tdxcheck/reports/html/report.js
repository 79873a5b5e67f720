/* tdxcheck report explorer: steps through the counterexamples of the embedded result. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('tdxcheck-data').textContent);
  var views = [];
  var active = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function isBusy(o) { return typeof o === 'string' && o.indexOf('BUSY') >= 0; }
  function isFree(o) { return o === undefined || o === null || o === '' || o === '-'; }
  function shortLock(l) { return l.indexOf('lock.') === 0 ? l.substring(5) : l; }
  function str(v) { return v === null || v === undefined ? '' : String(v); }

  function View(sec, index) {
    var self = this;
    this.sec = sec;
    this.index = index;
    var run = data.runs[Number(sec.getAttribute('data-run'))];
    var res = run.results[Number(sec.getAttribute('data-result'))];
    this.cx = res.counterexample;
    this.steps = this.cx.steps || [];
    this.n = this.steps.length;
    var loop = sec.getAttribute('data-loop');
    this.loop = loop === '' || loop === null ? -1 : Number(loop);
    this.svg = sec.querySelector('svg.lanes');
    this.cursor = this.svg.querySelector('.cursor');
    this.labelW = Number(this.svg.getAttribute('data-label-width'));
    this.colW = Number(this.svg.getAttribute('data-col-width'));
    this.panel = sec.querySelector('aside.panel');
    this.lanesWrap = sec.querySelector('.lanes-wrap');
    this.stepsWrap = sec.querySelector('.steps-wrap');
    this.markers = {};
    Array.prototype.forEach.call(this.svg.querySelectorAll('.marker'), function (m) {
      self.markers[m.getAttribute('data-step')] = m;
    });
    this.axis = {};
    Array.prototype.forEach.call(this.svg.querySelectorAll('.axis'), function (a) {
      self.axis[a.getAttribute('data-step')] = a;
    });
    this.rows = {};
    Array.prototype.forEach.call(sec.querySelectorAll('table.steps tr[data-step]'), function (r) {
      self.rows[r.getAttribute('data-step')] = r;
    });
    this.colors = {};
    Array.prototype.forEach.call(this.svg.querySelectorAll('.actor-lane'), function (g) {
      var r = g.querySelector('rect');
      self.colors[g.getAttribute('data-actor')] = r ? r.getAttribute('fill') : '#5c6370';
    });

    // full state after every step: initialState + the changes so far
    var keys = [];
    var seen = {};
    var lockSeen = {};
    this.lockNames = [];
    var state = {};
    var init = this.cx.initialState || {};
    function addKey(k) {
      if (!seen[k]) { seen[k] = true; keys.push(k); }
    }
    function addLock(k) {
      if (!lockSeen[k]) { lockSeen[k] = true; self.lockNames.push(k); }
    }
    Object.keys(init).forEach(function (k) {
      addKey(k);
      state[k] = init[k];
      if (k.indexOf('lock.') === 0) { addLock(k); }
    });
    this.states = [Object.assign({}, state)];
    this.steps.forEach(function (s) {
      var ch = s.changes || {};
      Object.keys(ch).forEach(function (k) { addKey(k); state[k] = ch[k]; });
      Object.keys(s.locks || {}).forEach(addLock);
      self.states.push(Object.assign({}, state));
    });
    this.keys = keys;
    // resource lanes (a frozen entry, a window, a flag): holders after every step
    var resSeen = {};
    this.resNames = [];
    var held = Object.assign({}, this.cx.initialResources || {});
    Object.keys(held).forEach(function (k) { resSeen[k] = true; self.resNames.push(k); });
    this.holders = [Object.assign({}, held)];
    this.steps.forEach(function (s) {
      var r = s.resources || {};
      Object.keys(r).forEach(function (k) {
        if (!resSeen[k]) { resSeen[k] = true; self.resNames.push(k); }
        held[k] = r[k];
      });
      self.holders.push(Object.assign({}, held));
    });
    this.cur = -1;

    var labels = this.svg.querySelector('.labels');
    if (labels) {
      this.lanesWrap.addEventListener('scroll', function () {
        labels.setAttribute('transform', 'translate(' + self.lanesWrap.scrollLeft + ',0)');
      });
    }
    this.svg.addEventListener('click', function (ev) {
      if (ev.target.closest && ev.target.closest('.labels')) { return; }
      var box = self.svg.getBoundingClientRect();
      var scale = box.width / Number(self.svg.getAttribute('width'));
      var x = (ev.clientX - box.left) / scale;
      var i = Math.floor((x - self.labelW) / self.colW);
      if (i >= 0 && i <= self.n) { self.go(i); }
    });
    Object.keys(this.rows).forEach(function (k) {
      self.rows[k].addEventListener('click', function () { self.go(Number(k)); });
    });
    sec.addEventListener('focus', function () { setActive(self); });
    sec.addEventListener('mousedown', function () { setActive(self); });
  }

  View.prototype.owners = function (i) {
    var st = this.states[i];
    var locks = i > 0 ? (this.steps[i - 1].locks || {}) : {};
    var out = {};
    this.lockNames.forEach(function (l) {
      var v = locks[l] !== undefined ? locks[l] : st[l];
      out[l] = isFree(v) ? '-' : String(v);
    });
    return out;
  };

  View.prototype.go = function (i) {
    i = Math.max(0, Math.min(this.n, i));
    var prev = this.cur;
    this.cur = i;
    this.sec.setAttribute('data-current', String(i));
    var x = this.labelW + i * this.colW + 1;
    this.cursor.setAttribute('x', String(x));
    [this.markers, this.axis, this.rows].forEach(function (m) {
      if (m[prev]) { m[prev].classList.remove('cur'); }
      if (m[i]) { m[i].classList.add('cur'); }
    });
    var w = this.lanesWrap;
    if (x - this.colW < w.scrollLeft + this.labelW) {
      w.scrollLeft = Math.max(0, x - this.labelW - 2 * this.colW);
    } else if (x + 2 * this.colW > w.scrollLeft + w.clientWidth) {
      w.scrollLeft = x + 3 * this.colW - w.clientWidth;
    }
    var row = this.rows[i];
    if (row && this.stepsWrap) {
      var sw = this.stepsWrap;
      var head = 24;
      if (row.offsetTop - head < sw.scrollTop) {
        sw.scrollTop = row.offsetTop - head;
      } else if (row.offsetTop + row.offsetHeight > sw.scrollTop + sw.clientHeight) {
        sw.scrollTop = row.offsetTop + row.offsetHeight - sw.clientHeight;
      }
    }
    this.renderPanel();
  };

  View.prototype.renderPanel = function () {
    var self = this;
    var i = this.cur;
    var p = this.panel;
    while (p.firstChild) { p.removeChild(p.firstChild); }

    var nav = el('div', 'nav');
    nav.appendChild(el('span', 'pos', i === 0 ? 'Initial state' : 'Step ' + i + ' of ' + this.n));
    var prevB = el('button', 'prev', '\u2190 prev');
    prevB.type = 'button';
    prevB.disabled = i === 0;
    prevB.addEventListener('click', function () { setActive(self); self.go(self.cur - 1); });
    var nextB = el('button', 'next', 'next \u2192');
    nextB.type = 'button';
    nextB.disabled = i === this.n;
    nextB.addEventListener('click', function () { setActive(self); self.go(self.cur + 1); });
    nav.appendChild(prevB);
    nav.appendChild(nextB);
    p.appendChild(nav);

    var changes = {};
    if (i > 0) {
      var s = this.steps[i - 1];
      changes = s.changes || {};
      var who = el('span', 'actor', s.actor);
      who.style.background = this.colors[s.actor] || '#5c6370';
      p.appendChild(who);
      p.appendChild(el('div', 'action', s.action));
      if (str(s.outcome) !== '') {
        p.appendChild(el('div', 'outcome' + (isBusy(s.outcome) ? ' busy' : ''), '\u2192 ' + s.outcome));
      }
      if (str(s.note) !== '') {
        p.appendChild(el('div', 'note', s.note));
      }
      if (this.loop >= 0 && i > this.loop) {
        var t = 'In cycle ' + (this.loop + 1) + '-' + this.n + ', which repeats forever.';
        if (i === this.n) { t += ' Next: step ' + (this.loop + 1) + ' again (the state is the one after step ' + this.loop + ').'; }
        p.appendChild(el('div', 'cycle-note', t));
      }
    } else {
      p.appendChild(el('div', 'muted', 'Before any step. ' + this.n + ' steps follow.'));
    }

    if (this.lockNames.length > 0) {
      p.appendChild(el('h3', null, i === 0 ? 'Locks' : 'Locks after step ' + i));
      var lt = el('table', 'locks');
      var now = this.owners(i);
      var before = i > 0 ? this.owners(i - 1) : now;
      this.lockNames.forEach(function (l) {
        var tr = el('tr', now[l] !== before[l] ? 'changed' : null);
        tr.appendChild(el('td', null, shortLock(l)));
        tr.appendChild(now[l] === '-' ? el('td', 'free', 'free') : el('td', null, now[l]));
        lt.appendChild(tr);
      });
      p.appendChild(lt);
    }

    if (this.resNames.length > 0) {
      p.appendChild(el('h3', null, i === 0 ? 'Resources' : 'Resources after step ' + i));
      var rt = el('table', 'locks resources');
      var hNow = this.holders[i];
      var hBefore = i > 0 ? this.holders[i - 1] : hNow;
      this.resNames.forEach(function (r) {
        var a = isFree(hNow[r]) ? '-' : String(hNow[r]);
        var b = isFree(hBefore[r]) ? '-' : String(hBefore[r]);
        var tr = el('tr', a !== b ? 'changed' : null);
        tr.appendChild(el('td', null, r));
        tr.appendChild(a === '-' ? el('td', 'free', 'free') : el('td', null, a));
        rt.appendChild(tr);
      });
      p.appendChild(rt);
    }

    p.appendChild(el('h3', null, i === 0 ? 'Initial state' : 'State after step ' + i));
    var st = this.states[i];
    var table = el('table', 'state');
    var lockSet = {};
    this.lockNames.forEach(function (l) { lockSet[l] = true; });
    var rows = 0;
    this.keys.forEach(function (k) {
      if (lockSet[k]) { return; }
      var tr = el('tr', Object.prototype.hasOwnProperty.call(changes, k) ? 'changed' : null);
      tr.appendChild(el('td', null, k));
      tr.appendChild(el('td', null, str(st[k])));
      table.appendChild(tr);
      rows++;
    });
    if (rows === 0) {
      p.appendChild(el('div', 'muted', 'No state fields recorded.'));
    } else {
      p.appendChild(table);
    }
    var hint = el('div', 'hint', 'Keys: \u2192 / j next, \u2190 / k previous, Home / End. Click a column or a row.');
    p.appendChild(hint);
  };

  function setActive(v) {
    if (active === v) { return; }
    if (active) { active.sec.classList.remove('active'); }
    active = v;
    if (v) { v.sec.classList.add('active'); }
  }

  Array.prototype.forEach.call(document.querySelectorAll('section.cx'), function (sec, idx) {
    var v = new View(sec, idx);
    views.push(v);
    v.go(0);
  });
  if (views.length > 0) { setActive(views[0]); }

  /* #cx-2 activates counterexample 2; #cx-2-step-8 also moves it to step 8 and scrolls to it */
  function activateFromHash() {
    var id = window.location.hash.substring(1);
    var m = /^(cx-\d+)-step-(\d+)$/.exec(id);
    views.forEach(function (v) {
      if (v.sec.id === id) { setActive(v); }
      if (m && v.sec.id === m[1]) {
        setActive(v);
        v.go(Number(m[2]));
        var top = v.sec.getBoundingClientRect().top;
        if (top < 0 || top > window.innerHeight / 2) { v.sec.scrollIntoView(); }
      }
    });
  }
  window.addEventListener('hashchange', activateFromHash);
  activateFromHash();

  document.addEventListener('keydown', function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !active) { return; }
    var v = active;
    switch (ev.key) {
      case 'ArrowRight': case 'j': v.go(v.cur + 1); break;
      case 'ArrowLeft': case 'k': v.go(v.cur - 1); break;
      case 'Home': v.go(0); break;
      case 'End': v.go(v.n); break;
      default: return;
    }
    ev.preventDefault();
  });

  /* for tests and the curious: read the explorer's position back */
  window.tdxcheckReport = {
    count: function () { return views.length; },
    active: function () { return active ? active.index : -1; },
    current: function (i) { return views[i === undefined ? (active ? active.index : 0) : i].cur; },
    go: function (i, step) { setActive(views[i]); views[i].go(step); }
  };
}());
