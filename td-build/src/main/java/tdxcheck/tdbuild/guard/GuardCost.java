package tdxcheck.tdbuild.guard;

import tdxcheck.tdbuild.BuildShape;
import tdxcheck.tdbuild.Ioctls;
import tdxcheck.tdbuild.OpKind;
import tdxcheck.tdbuild.Program;
import tdxcheck.tdbuild.VpInitTdr;

/**
 * How much locking a guard adds to 6.16: the number of lock acquisitions, summed over the four
 * ioctls (two vCPUs, one INIT_MEM_REGION of one page), that 6.16 does not make; counted from the
 * programs themselves, so a guard cannot misstate its own size. "Minimal" means least cost.
 */
public final class GuardCost {
    /** The shape the cost is counted on. */
    public static final BuildShape REFERENCE = new BuildShape(2, 1, 1, 1, true, true, VpInitTdr.SHARED);

    private GuardCost() {
    }

    public static int added(BuildGuard g) {
        int[] mine = counts(g);
        int[] base = counts(new V616Guard());
        int n = 0;
        for (int i = 0; i < mine.length; i++) {
            n += Math.max(0, mine[i] - base[i]);
        }
        return n;
    }

    /** Per thread and lock bit: how many LOCK ops. */
    private static int[] counts(BuildGuard g) {
        int threads = REFERENCE.threads();
        int[] c = new int[threads * 32];
        for (int t = 0; t < threads; t++) {
            Program p = t == 0 ? Ioctls.vmThread(g, REFERENCE) : Ioctls.vcpuThread(g, REFERENCE, t - 1);
            for (int pc = 0; pc < p.size(); pc++) {
                if (p.op(pc).kind() == OpKind.LOCK) {
                    c[t * 32 + p.op(pc).lock()]++;
                }
            }
        }
        return c;
    }
}
