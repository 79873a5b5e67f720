package tdxcheck.model.tdx;

import java.util.Map;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.Permutation;
import tdxcheck.core.spi.StepLabel;

/**
 * The TDX module + KVM model over packed states ({@link TdxWords}). Actions ({@link TdxAction}):
 * actor * 2 + choice; choice 0 is the actor's next step, choice 1 the vCPU's alternative (the kick
 * IPI exit in the guest, a pending event breaking the local retry loop, or at the run loop a
 * TDH.VP.ENTER error return, one action per allowed {@link VpEnterError} in bits 31:16). Once KVM_BUG_ON fires or the guest
 * panics, the VM is dead: no actor moves and every actor counts as finished.
 */
public final class TdxModel implements Model {
    private final TdxConfig c;
    /** For symmetry: symClass[v] = the lowest vCPU index identical to v. */
    private final int[] symClass;
    private final boolean symmetric;
    /** All vCPUs are identical: one symmetry class. */
    private final boolean allIdentical;
    /** Two vCPUs ACCEPT the same GPA: the guest's accept_memory() may make one wait. */
    private final boolean sharedAccepts;
    /** A guest script issues MapGPA: the zap (a conversion) starts only once it reached userspace. */
    private final boolean zapOnMapGpa;

    public TdxModel(TdxConfig config) {
        this.c = config;
        this.symClass = new int[config.vcpus()];
        boolean any = false;
        for (int v = 0; v < config.vcpus(); v++) {
            symClass[v] = v;
            for (int u = 0; u < v; u++) {
                if (config.identical(u, v)) {
                    symClass[v] = symClass[u];
                    any = true;
                    break;
                }
            }
        }
        this.symmetric = any;
        boolean all = true;
        for (int v = 0; v < config.vcpus(); v++) {
            all &= symClass[v] == 0;
        }
        this.allIdentical = all;
        this.sharedAccepts = config.sharedAccepts();
        boolean mapGpa = false;
        for (int v = 0; v < config.vcpus(); v++) {
            for (GuestOp op : config.script(v).ops()) {
                mapGpa |= op.kind() == GuestOp.Kind.MAP_GPA;
            }
        }
        this.zapOnMapGpa = mapGpa;
    }

    public TdxConfig config() {
        return c;
    }

    @Override
    public String name() {
        return c.scenario();
    }

    @Override
    public int stateWords() {
        return TdxWords.words(c.vcpus());
    }

    @Override
    public int actorCount() {
        return c.actorCount();
    }

    @Override
    public String actorName(int actor) {
        return c.actorName(actor);
    }

    @Override
    public int initialStateCount() {
        return 1;
    }

    @Override
    public void initialState(int index, long[] out) {
        java.util.Arrays.fill(out, 0L);
        boolean anyPresent = false;
        for (int g = 0; g < c.gpas(); g++) {
            GpaInit init = c.gpaInits().get(g);
            if (init != GpaInit.UNMAPPED) {
                anyPresent = true;
                TdxWords.setSpte(out, g, Spte.PRESENT);
                TdxWords.setSept(out, g, init == GpaInit.PENDING ? SeptState.PENDING : SeptState.MAPPED);
            }
        }
        TdxWords.setNonLeaf(out, anyPresent || c.nonLeafPresent() ? Spte.PRESENT : Spte.NONE);
        TdxWords.setHuge(out, c.hugePage().mapping2m());
        TdxWords.setZapPc(out, c.hasZap() ? ZapPc.IDLE : ZapPc.DONE);
        for (int v = 0; v < c.vcpus(); v++) {
            VcpuInit vi = c.vcpuInits().get(v);
            TdxWords.setPc(out, v, VcpuPc.RUN);
            TdxWords.setZeroStepCount(out, v, vi.zeroStepCount());
            TdxWords.setZeroStepGpas(out, v, vi.zeroStepGpas());
        }
    }

    @Override
    public int maxEnabled() {
        return 2 * c.actorCount() + c.vcpus() * c.vpEnter().errorCount();
    }

    @Override
    public int actorOf(int action) {
        return TdxAction.actor(action);
    }

    private boolean dead(long[] s) {
        return TdxWords.bugged(s) || TdxWords.guestPanicked(s) || TdxWords.vmDead(s);
    }

    @Override
    public int enabledActions(long[] s, int[] out) {
        if (dead(s)) {
            return 0;
        }
        int n = 0;
        int vcpus = c.vcpus();
        boolean mayEnter = !TdxWords.waitForSeptZap(s);
        boolean readAvailable = MmuLock.readAvailable(c, s);
        int inGuest = 0; // vCPUs whose guest actor can step: in the guest or inside ACCEPT
        for (int v = 0; v < vcpus; v++) {
            int pc = TdxWords.pc(s, v);
            switch (pc) {
                case VcpuPc.RUN -> {
                    if (mayEnter) {
                        out[n++] = 2 * v;
                        for (int m = c.vpEnter().errors(); m != 0; m &= m - 1) {
                            out[n++] = TdxAction.errorReturn(v, VpEnterError.values()[Integer.numberOfTrailingZeros(m)]);
                        }
                    }
                }
                case VcpuPc.GUEST -> {
                    inGuest |= 1 << v;
                    if (TdxWords.kickPending(s, v)) {
                        out[n++] = 2 * v + 1;
                    }
                }
                case VcpuPc.FAULT -> {
                    if (readAvailable) {
                        out[n++] = 2 * v;
                    }
                }
                case VcpuPc.FAULT_RETRY -> {
                    if (readAvailable) {
                        out[n++] = 2 * v;
                    }
                    if (c.pendingEvents()) {
                        out[n++] = 2 * v + 1;
                    }
                }
                case VcpuPc.ACCEPT -> inGuest |= 1 << v;
                case VcpuPc.MAP_GPA_USERSPACE -> {
                    if (TdxWords.zapPc(s) == ZapPc.DONE) {
                        out[n++] = 2 * v;
                    }
                }
                case VcpuPc.USERSPACE -> {
                    if (MemoryFaultExit.mayConvert(c, s)) {
                        out[n++] = 2 * v;
                    }
                    out[n++] = 2 * v + 1;
                }
                case VcpuPc.DONE -> {
                }
                default -> out[n++] = 2 * v;
            }
        }
        for (int v = 0; v < vcpus; v++) {
            if ((inGuest & (1 << v)) != 0 && !(sharedAccepts && GuestRun.waitsForAccept(c, s, v))) {
                out[n++] = 2 * (vcpus + v);
            }
        }
        if (c.hasZap() && zapEnabled(s)) {
            out[n++] = 2 * c.zapActor();
            if (TdxWords.zapPc(s) == ZapPc.DEMOTE_HELD && c.hugePage().interruptible()) {
                out[n++] = 2 * c.zapActor() + 1; // a host interrupt is pending when DEMOTE checks (§7a.1.9)
            }
        }
        return n;
    }

    private boolean zapEnabled(long[] s) {
        return switch (TdxWords.zapPc(s)) {
            case ZapPc.DONE -> false;
            case ZapPc.IDLE -> !zapOnMapGpa || TdxWords.mapGpaRequested(s);
            case ZapPc.WAIT_WRITE, ZapPc.INVAL_END -> !MmuLock.hasReaders(c, s);
            case ZapPc.SRCU_WAIT -> ZapPath.srcuGracePeriodOver(c, s);
            // UNLOCK: the TLB-flush kick's wait (tdx-facts §6g.2); no other kick is pending there.
            case ZapPc.BLOCK, ZapPc.TRACK, ZapPc.REMOVE, ZapPc.DEMOTE, ZapPc.UNLOCK -> Kick.allAcknowledged(c, s);
            default -> true;
        };
    }

    @Override
    public void next(long[] s, int action, long[] out) {
        System.arraycopy(s, 0, out, 0, s.length);
        step(out, action); // no canonicalisation here: the engine applies the symmetry hook when enabled
    }

    /** Applies {@code action} to {@code s} in place and returns what the step returned. */
    Outcome step(long[] s, int action) {
        int actor = TdxAction.actor(action);
        int vcpus = c.vcpus();
        if (actor < vcpus) {
            if (TdxAction.alt(action) && TdxWords.pc(s, actor) == VcpuPc.RUN) {
                return VpEnter.error(c, s, actor, TdxAction.error(action));
            }
            return vcpuStep(s, actor, TdxAction.alt(action));
        } else if (actor < 2 * vcpus) {
            int v = actor - vcpus;
            return TdxWords.pc(s, v) == VcpuPc.ACCEPT ? GuestRun.acceptComplete(c, s, v) : GuestRun.step(c, s, v);
        }
        return zapStep(s, TdxAction.alt(action));
    }

    private Outcome vcpuStep(long[] s, int v, boolean alt) {
        int pc = TdxWords.pc(s, v);
        if (alt) {
            return pc == VcpuPc.GUEST ? GuestRun.kickExit(s, v)
                    : pc == VcpuPc.USERSPACE ? MemoryFaultExit.rerun(s, v, false) : FaultPath.breakOnPendingEvent(s, v);
        }
        return switch (pc) {
            case VcpuPc.RUN -> VpEnter.acquire(c, s, v);
            case VcpuPc.ENTER -> VpEnter.complete(c, s, v);
            case VcpuPc.FAULT, VcpuPc.FAULT_RETRY -> FaultPath.attempt(c, s, v);
            case VcpuPc.ADD_FROZEN -> FaultPath.septAdd(c, s, v);
            case VcpuPc.ADD_HELD -> SeptAdd.complete(c, s, v);
            case VcpuPc.LEAF -> FaultPath.leaf(c, s, v);
            case VcpuPc.AUG_FROZEN -> FaultPath.pageAug(c, s, v);
            case VcpuPc.AUG_HELD -> PageAug.complete(c, s, v);
            case VcpuPc.USERSPACE -> MemoryFaultExit.rerun(s, v, true);
            case VcpuPc.MAP_GPA_USERSPACE -> {
                TdxWords.setPc(s, v, VcpuPc.RUN);
                yield Outcome.MAP_GPA_DONE;
            }
            default -> throw new IllegalStateException("vcpu" + v + " has no step at " + VcpuPc.name(pc));
        };
    }

    /** {@code alt}: at DEMOTE's complete step, a host interrupt is pending (the environment's choice). */
    private Outcome zapStep(long[] s, boolean alt) {
        return switch (TdxWords.zapPc(s)) {
            case ZapPc.IDLE -> ZapPath.start(c, s);
            case ZapPc.SRCU_WAIT -> ZapPath.writeLock(c, s);
            case ZapPc.WAIT_WRITE -> ZapPath.locked(c, s);
            case ZapPc.PRE_KICK -> {
                ZapPath.noVcpusEnterStart(c, s, ZapPc.BLOCK);
                yield Outcome.NONE;
            }
            case ZapPc.BLOCK -> RangeBlock.acquire(c, s);
            case ZapPc.BLOCK_HELD -> ZapPath.complete(c, s, Seamcall.MEM_RANGE_BLOCK, RangeBlock.complete(c, s), ZapPc.TRACK);
            case ZapPc.TRACK -> MemTrack.acquire(c, s);
            case ZapPc.TRACK_HELD -> ZapPath.complete(c, s, Seamcall.MEM_TRACK, MemTrack.complete(c, s), ZapPc.TRACK_KICK);
            case ZapPc.TRACK_KICK -> {
                if (!c.zapRetry().skipTrackKick()) {
                    Kick.kickAll(c, s);
                }
                TdxWords.setZapPc(s, ZapPath.afterTrackKick(c));
                yield Outcome.NONE;
            }
            case ZapPc.FLUSH_KICK -> {
                Kick.kickAll(c, s);
                TdxWords.setZapPc(s, ZapPc.UNLOCK);
                yield Outcome.NONE;
            }
            case ZapPc.REMOVE -> PageRemove.acquire(c, s);
            case ZapPc.REMOVE_HELD -> ZapPath.complete(c, s, Seamcall.MEM_PAGE_REMOVE, PageRemove.complete(c, s), ZapPc.FLUSH_KICK);
            case ZapPc.PAMT_GET -> ZapPath.pamtGet(c, s);
            case ZapPc.DEMOTE -> PageDemote.acquire(c, s);
            case ZapPc.DEMOTE_HELD -> ZapPath.complete(c, s, Seamcall.MEM_PAGE_DEMOTE, PageDemote.complete(c, s, alt),
                    ZapPc.UNLOCK);
            case ZapPc.RETRY_KICK -> ZapPath.retryKick(c, s);
            case ZapPc.UNLOCK -> ZapPath.unlock(c, s);
            case ZapPc.ATTR_STORE -> ZapPath.attrStore(c, s);
            case ZapPc.INVAL_END -> ZapPath.invalidateEnd(c, s);
            case ZapPc.TRUNCATE -> ZapPath.truncate(c, s);
            default -> throw new IllegalStateException("zap has no step at " + ZapPc.name(TdxWords.zapPc(s)));
        };
    }

    @Override
    public boolean isFinished(long[] s, int actor) {
        if (dead(s)) {
            return true;
        }
        int vcpus = c.vcpus();
        if (actor < 2 * vcpus) {
            return TdxWords.pc(s, actor % vcpus) == VcpuPc.DONE;
        }
        return TdxWords.zapPc(s) == ZapPc.DONE;
    }

    @Override
    public boolean hasSymmetry() {
        return symmetric;
    }

    /**
     * Sorts the records of identical vCPUs (same script, same initial state) as unsigned ints, so
     * that states differing only in which identical vCPU is where become one. When all vCPUs are
     * identical and there are at most four, a sorting network on the packed words (no branches);
     * otherwise an insertion sort within each class. Both give the one sorted order. No allocation.
     */
    @Override
    public void canonicalize(long[] s) {
        if (!symmetric) {
            return;
        }
        if (allIdentical) {
            switch (c.vcpus()) {
                case 2 -> {
                    sort2(s);
                    return;
                }
                case 3 -> {
                    sort3(s);
                    return;
                }
                case 4 -> {
                    sort4(s);
                    return;
                }
                default -> {
                }
            }
        }
        int vcpus = c.vcpus();
        for (int i = 1; i < vcpus; i++) {
            int rec = TdxWords.vcpuRecord(s, i);
            int j = i - 1;
            while (j >= 0 && symClass[j] == symClass[i]
                    && Integer.compareUnsigned(TdxWords.vcpuRecord(s, j), rec) > 0) {
                TdxWords.setVcpuRecord(s, j + 1, TdxWords.vcpuRecord(s, j));
                j--;
            }
            TdxWords.setVcpuRecord(s, j + 1, rec);
        }
    }

    private static final long LOW = 0xFFFFFFFFL;

    /** The words of the vCPU records (TdxWords layout): records 0,1 in R0, records 2,3 in R1. */
    private static final int R0 = 2;
    private static final int R1 = 3;

    /** Two records in the first vCPU word. */
    private static void sort2(long[] s) {
        long w = s[R0];
        long r0 = w & LOW;
        long r1 = w >>> 32;
        s[R0] = Math.min(r0, r1) | (Math.max(r0, r1) << 32);
    }

    /** Three records in the first two vCPU words: compare-exchange (0,1), (1,2), (0,1). */
    private static void sort3(long[] s) {
        long r0 = s[R0] & LOW;
        long r1 = s[R0] >>> 32;
        long r2 = s[R1] & LOW;
        long t = Math.min(r0, r1);
        r1 = Math.max(r0, r1);
        r0 = t;
        t = Math.min(r1, r2);
        r2 = Math.max(r1, r2);
        r1 = t;
        t = Math.min(r0, r1);
        r1 = Math.max(r0, r1);
        r0 = t;
        s[R0] = r0 | (r1 << 32);
        s[R1] = (s[R1] & ~LOW) | r2;
    }

    /** Four records in the first two vCPU words: compare-exchange (0,1), (2,3), (0,2), (1,3), (1,2). */
    private static void sort4(long[] s) {
        long r0 = s[R0] & LOW;
        long r1 = s[R0] >>> 32;
        long r2 = s[R1] & LOW;
        long r3 = s[R1] >>> 32;
        long t = Math.min(r0, r1);
        r1 = Math.max(r0, r1);
        r0 = t;
        t = Math.min(r2, r3);
        r3 = Math.max(r2, r3);
        r2 = t;
        t = Math.min(r0, r2);
        r2 = Math.max(r0, r2);
        r0 = t;
        t = Math.min(r1, r3);
        r3 = Math.max(r1, r3);
        r1 = t;
        t = Math.min(r1, r2);
        r2 = Math.max(r1, r2);
        r1 = t;
        s[R0] = r0 | (r1 << 32);
        s[R1] = r2 | (r3 << 32);
    }

    @Override
    public int symmetrySlots() {
        return symmetric ? c.vcpus() : 0;
    }

    @Override
    public boolean interchangeable(int a, int b) {
        return symClass[a] == symClass[b];
    }

    /**
     * {@link #canonicalize} by an insertion sort that also follows where each vCPU's record goes;
     * returns that permutation (vCPU i of {@code s} before is vCPU {@code image(p, i)} after). The
     * positions are kept as 4-bit fields of an int: no allocation.
     */
    @Override
    public int canonicalizeTracked(long[] s) {
        if (!symmetric) {
            return Permutation.IDENTITY;
        }
        int vcpus = c.vcpus();
        int origin = Permutation.IDENTITY; // origin(pos) = which vCPU's record is at pos now
        for (int i = 1; i < vcpus; i++) {
            int rec = TdxWords.vcpuRecord(s, i);
            int from = Permutation.image(origin, i);
            int j = i - 1;
            while (j >= 0 && symClass[j] == symClass[i]
                    && Integer.compareUnsigned(TdxWords.vcpuRecord(s, j), rec) > 0) {
                TdxWords.setVcpuRecord(s, j + 1, TdxWords.vcpuRecord(s, j));
                origin = Permutation.set(origin, j + 1, Permutation.image(origin, j));
                j--;
            }
            TdxWords.setVcpuRecord(s, j + 1, rec);
            origin = Permutation.set(origin, j + 1, from);
        }
        return Permutation.inverse(origin);
    }

    /** vCPU v's actors (vcpu v, guest v) follow its record; the zap stays. */
    @Override
    public int permuteActor(int actor, int p) {
        int vcpus = c.vcpus();
        if (actor < vcpus) {
            return Permutation.image(p, actor);
        } else if (actor < 2 * vcpus) {
            return vcpus + Permutation.image(p, actor - vcpus);
        }
        return actor;
    }

    @Override
    public int permuteAction(int action, int p) {
        return TdxAction.withActor(action, permuteActor(TdxAction.actor(action), p));
    }

    // ---- partial-order reduction (--por): the steps that touch only their own vCPU ----

    @Override
    public boolean hasLocalActions() {
        return true;
    }

    /** {@link LocalStep}: guest steps on pages no one can take away any more, and the like. */
    @Override
    public boolean isLocal(long[] s, int action) {
        return !dead(s) && LocalStep.isLocal(c, s, action);
    }

    // ---- fairness hw: momentary windows, retry attempts, who blocked an attempt ----

    /** Every SEAMCALL's lock hold is momentary: the module never waits (tdx-facts §2). */
    @Override
    public boolean hasMomentaryWindows() {
        return true;
    }

    /**
     * Inside a SEAMCALL between its acquire and complete steps (TDH.VP.ENTER's epoch refcount
     * window, also the zero-step walk under secure_ept_lock EX, SEPT.ADD, PAGE.AUG, RANGE.BLOCK,
     * MEM.TRACK, PAGE.REMOVE, and the guest's TDG.MEM.PAGE.ACCEPT): the module takes its try-locks
     * and releases them before it returns, in a few hundred cycles (tdx-facts §1, §2; module
     * 1.5.01 tdh_vp_enter.c, tdx_locks.h). A frozen mirror SPTE is KVM's and not counted here.
     */
    @Override
    public boolean inMomentaryWindow(long[] s, int actor) {
        return !dead(s) && LockHolders.of(c, s, actor) != LockHolders.NONE;
    }

    @Override
    public int attemptOutcome(long[] before, int action, long[] after) {
        return dead(before) ? tdxcheck.core.spi.Attempt.NONE : RetryAttempt.outcome(c, before, action, after);
    }

    @Override
    public int attemptSites() {
        return RetryAttempt.SITES;
    }

    @Override
    public String blockedBy(long[] s, int action) {
        return dead(s) ? null : BusyHolder.describe(c, s, action);
    }

    /** All of a vCPU's state is its 32-bit record (that is what {@link #canonicalize} sorts). */
    @Override
    public boolean identicalSlots(long[] s, int a, int b) {
        return symClass[a] == symClass[b] && TdxWords.vcpuRecord(s, a) == TdxWords.vcpuRecord(s, b);
    }

    @Override
    public StepLabel describe(long[] before, int action, long[] after) {
        long[] scratch = before.clone();
        Outcome o = step(scratch, action);
        String text = TdxLabels.action(c, before, action);
        String outcome = o.label();
        int actor = TdxAction.actor(action);
        if (actor < c.vcpus() && TdxWords.pc(before, actor) == VcpuPc.RUN) {
            String note = VpEnter.decodeNote(c, o.code());
            if (note != null) {
                outcome = outcome + " => " + note;
            }
            if (TdxAction.alt(action) && TdxWords.pc(scratch, actor) == VcpuPc.DONE) {
                outcome = outcome + (VpEnterStatus.hasExitReason(o.code())
                        ? " => KVM_EXIT_SHUTDOWN (to userspace)" : " => KVM_EXIT_INTERNAL_ERROR (to userspace)");
            }
        }
        if (TdxWords.bugged(scratch) && !TdxWords.bugged(before)) {
            outcome = outcome + " => KVM_BUG_ON";
        } else if (TdxWords.guestPanicked(scratch) && !TdxWords.guestPanicked(before)) {
            outcome = outcome + " => guest panic";
        } else if (TdxWords.vmDead(scratch) && !TdxWords.vmDead(before)) {
            outcome = outcome + " => kvm_vm_dead (guest access before accepting)";
        } else if (o.operandBusy() && actor < c.vcpus()) {
            // tdx-facts §4: a TDH.VP.ENTER BUSY is handled in the fastpath and the run loop enters
            // again later; only SEPT.ADD/PAGE.AUG BUSY becomes -EBUSY, i.e. RET_PF_RETRY.
            outcome = outcome + (TdxWords.pc(before, actor) == VcpuPc.RUN
                    ? " => EXIT_FASTPATH_EXIT_HANDLED (re-enter later)" : " => RET_PF_RETRY (-EBUSY)");
        }
        return new StepLabel(text, outcome);
    }

    @Override
    public Map<String, String> fields(long[] s) {
        return TdxLabels.fields(c, s);
    }

    @Override
    public Map<String, String> resources(long[] s) {
        return TdxResources.of(c, s);
    }

    /**
     * TDH.VP.ENTER's epoch hold is momentary in the module (tdx-facts §2: refcount++ then release)
     * but two steps in the model; a lasso cycle that relies on BUSY|TD_EPOCH says so on those steps.
     */
    @Override
    public String stepNote(long[] before, int action, long[] after, boolean inCycle) {
        if (inCycle && outcomeOf(before, action).label().contains("TD_EPOCH")) {
            return "needs the window in which TDH.VP.ENTER holds the epoch lock shared "
                    + "(momentary in the module, two steps in the model)";
        }
        return null;
    }

    /** For tests and the trace printer: the outcome of applying {@code action}, without canonicalising. */
    public Outcome outcomeOf(long[] s, int action) {
        return step(s.clone(), action);
    }
}
