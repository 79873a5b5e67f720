package tdxcheck.properties.tdx;

import tdxcheck.model.tdx.LockMode;
import tdxcheck.model.tdx.LockHolders;
import tdxcheck.model.tdx.MmuLock;
import tdxcheck.model.tdx.Seamcall;
import tdxcheck.model.tdx.SecureEptLock;
import tdxcheck.model.tdx.Spte;
import tdxcheck.model.tdx.TdEpochLock;
import tdxcheck.model.tdx.TdxConfig;
import tdxcheck.model.tdx.TdxWords;
import tdxcheck.model.tdx.VcpuPc;
import tdxcheck.model.tdx.ZapPc;
import tdxcheck.core.property.StateInvariant;

/**
 * lock-safety, the model's sanity check: never an exclusive holder together with another holder
 * (epoch lock, secure_ept_lock), never two holders of one S-EPT entry lock, never mmu_lock write
 * with readers, every FROZEN SPTE owned by exactly one vCPU in the middle of its SEAMCALL, and
 * nothing held once every actor has finished (unless the VM died, when actors stop mid-call): the
 * last holds by construction, since holders are derived from positions ({@link LockHolders}) and
 * a finished position holds nothing.
 */
public final class LockSafety implements StateInvariant {
    public static final String ID = "lock-safety";
    private final TdxConfig c;

    public LockSafety(TdxConfig c) {
        this.c = c;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "model sanity: never exclusive plus another holder, one holder per entry lock, one owner per frozen SPTE";
    }

    @Override
    public boolean holds(long[] s) {
        // The holders are LockHolders.of, the derivation LockTable.tryAcquire also uses: this
        // checks that no interleaving of acquire steps ever leaves two conflicting holders.
        long tally = 0;
        int entryMask = 0;
        for (int a = 0; a < c.actorCount(); a++) {
            int h = LockHolders.of(c, s, a);
            if (h == LockHolders.NONE) {
                continue;
            }
            tally += MODES[LockHolders.callIndex(h) * 2 + (LockHolders.zeroStep(h) ? 1 : 0)];
            int e = LockHolders.entry(h);
            if (e >= 0) {
                if ((entryMask & (1 << e)) != 0) {
                    return false;
                }
                entryMask |= 1 << e;
            }
        }
        // KVM-side ownership: FROZEN mirror SPTEs are owned by the vCPU whose fault froze them.
        int vcpus = c.vcpus();
        int nonLeafOwners = 0;
        int leafOwners = 0; // 4 bits per GPA: vCPUs that froze its leaf SPTE and are in SEAMCALL
        for (int v = 0; v < vcpus; v++) {
            int pc = TdxWords.pc(s, v);
            if (pc == VcpuPc.ADD_FROZEN || pc == VcpuPc.ADD_HELD) {
                nonLeafOwners++;
            } else if (pc == VcpuPc.AUG_FROZEN || pc == VcpuPc.AUG_HELD) {
                leafOwners += 1 << (4 * TdxWords.faultGpa(s, v));
            }
        }
        int epochEx = field(tally, EPOCH_EX);
        int epochSh = field(tally, EPOCH_SH);
        int treeEx = field(tally, TREE_EX);
        int treeSh = field(tally, TREE_SH);
        if (epochEx > 1 || (epochEx == 1 && epochSh > 0) || treeEx > 1 || (treeEx == 1 && treeSh > 0)) {
            return false;
        }
        if (c.hasZap() && ZapPc.holdsWrite(TdxWords.zapPc(s)) && MmuLock.hasReaders(c, s)) {
            return false;
        }
        // every FROZEN SPTE is owned by exactly one vCPU in the middle of its SEAMCALL
        if ((TdxWords.nonLeaf(s) == Spte.FROZEN) != (nonLeafOwners == 1) || nonLeafOwners > 1) {
            return false;
        }
        for (int g = 0; g < c.gpas(); g++) {
            int owners = (leafOwners >>> (4 * g)) & 0xF;
            if ((TdxWords.spte(s, g) == Spte.FROZEN) != (owners == 1) || owners > 1) {
                return false;
            }
        }
        // "Nothing held once every actor has finished" needs no check: LockHolders derives holders
        // from positions, and a finished position (VcpuPc.DONE, ZapPc.DONE) holds nothing.
        return true;
    }

    // ---- the tally: four 8-bit counters in a long (at most 2 * 8 + 1 holders) ----

    private static final int EPOCH_EX = 0;
    private static final int EPOCH_SH = 8;
    private static final int TREE_EX = 16;
    private static final int TREE_SH = 24;

    /** Per SEAMCALL and zero-step flag: its epoch and tree lock modes (LockTable), as a tally increment. */
    private static final long[] MODES = buildModes();

    private static long[] buildModes() {
        Seamcall[] calls = Seamcall.values();
        long[] t = new long[calls.length * 2];
        for (Seamcall call : calls) {
            for (int zs = 0; zs < 2; zs++) {
                LockMode epoch = TdEpochLock.mode(call);
                LockMode tree = SecureEptLock.mode(call, zs == 1);
                long inc = 0;
                inc += epoch == LockMode.EXCLUSIVE ? 1L << EPOCH_EX : epoch == LockMode.SHARED ? 1L << EPOCH_SH : 0;
                inc += tree == LockMode.EXCLUSIVE ? 1L << TREE_EX : tree == LockMode.SHARED ? 1L << TREE_SH : 0;
                t[call.ordinal() * 2 + zs] = inc;
            }
        }
        return t;
    }

    private static int field(long tally, int at) {
        return (int) (tally >>> at) & 0xFF;
    }
}
