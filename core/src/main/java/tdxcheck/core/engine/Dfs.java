package tdxcheck.core.engine;

import java.util.Arrays;

/**
 * Iterative depth-first search on one thread, from each initial state in turn. The stack keeps,
 * per level, the state, its enabled actions, the next one to take and its id; a state gets its id
 * when it is first reached (discovery order). With a shuffle seed (swarm runs) each state's
 * enabled actions are taken in a random order.
 */
final class Dfs {
    private final SearchRun run;
    private final Worker w;

    Dfs(SearchRun run, Worker w) {
        this.run = run;
        this.w = w;
    }

    void run() {
        Explored ex = run.explored;
        Budget budget = run.budget;
        int words = run.words;
        int me = run.maxEnabled;
        int cap = 64;
        long[] sw = new long[cap * words];
        int[] se = new int[cap * me];
        int[] sn = new int[cap];
        int[] sp = new int[cap];
        int[] sid = new int[cap];
        long[] src = w.src;
        long[] succ = w.succ;
        long rng = run.config.shuffleSeed();
        boolean shuffle = rng != 0;
        int roots = ex.count;
        for (int r = 0; r < roots && !budget.stop; r++) {
            ex.cur.get(r, src);
            int top = 0;
            System.arraycopy(src, 0, sw, 0, words);
            sn[0] = w.prepare(r, src, budget.atDepthBound(0));
            System.arraycopy(w.enabled, 0, se, 0, sn[0]);
            if (shuffle) {
                rng = shuffle(se, 0, sn[0], rng);
            }
            sp[0] = 0;
            sid[0] = r;
            while (top >= 0 && !budget.stop) {
                if (sp[top] == sn[top]) {
                    top--;
                    continue;
                }
                int k = sp[top]++;
                int a = se[top * me + k];
                System.arraycopy(sw, top * words, src, 0, words);
                run.model.next(src, a, succ);
                if (w.successor(sid[top], k, a, src, succ, top + 1)) {
                    int id = ex.add(sid[top], a);
                    top++;
                    if (top == cap) {
                        cap *= 2;
                        sw = Arrays.copyOf(sw, cap * words);
                        se = Arrays.copyOf(se, cap * me);
                        sn = Arrays.copyOf(sn, cap);
                        sp = Arrays.copyOf(sp, cap);
                        sid = Arrays.copyOf(sid, cap);
                        ex.dfsStackBytes = (long) cap * (words * 8L + me * 4L + 12);
                    }
                    if (top > ex.maxDepthSeen) {
                        ex.maxDepthSeen = top;
                    }
                    System.arraycopy(succ, 0, sw, top * words, words);
                    int n = w.prepare(id, succ, budget.atDepthBound(top));
                    System.arraycopy(w.enabled, 0, se, top * me, n);
                    if (shuffle) {
                        rng = shuffle(se, top * me, n, rng);
                    }
                    sn[top] = n;
                    sp[top] = 0;
                    sid[top] = id;
                    ex.queued = top + 1;
                    if (w.depthCut) {
                        w.depthCut = false;
                        budget.hit(Budget.DEPTH);
                    }
                }
            }
        }
        ex.queued = 0;
    }

    /**
     * Fisher-Yates on {@code a[from .. from+n)} with a xorshift64* generator in {@code rng}
     * (never 0); returns the generator's next state. Allocates nothing.
     */
    static long shuffle(int[] a, int from, int n, long rng) {
        for (int i = n - 1; i > 0; i--) {
            rng ^= rng >>> 12;
            rng ^= rng << 25;
            rng ^= rng >>> 27;
            int j = (int) Long.remainderUnsigned(rng * 0x2545F4914F6CDD1DL, i + 1);
            int t = a[from + i];
            a[from + i] = a[from + j];
            a[from + j] = t;
        }
        return rng;
    }
}
