package tdxcheck.properties.tdx;

import tdxcheck.model.tdx.LockMode;
import tdxcheck.model.tdx.LockTable;
import tdxcheck.model.tdx.MmuLock;
import tdxcheck.model.tdx.Seamcall;
import tdxcheck.model.tdx.Spte;
import tdxcheck.model.tdx.TdxConfig;
import tdxcheck.model.tdx.TdxWords;
import tdxcheck.model.tdx.VcpuPc;
import tdxcheck.model.tdx.ZapPc;
import tdxcheck.core.property.StateInvariant;

/**
 * lock-safety, the model's sanity check: never an exclusive holder together with another holder
 * (epoch lock, secure_ept_lock), never two holders of one S-EPT entry lock, never mmu_lock write
 * with readers, every FROZEN SPTE owned by exactly one vCPU in the middle of its SEAMCALL, and
 * nothing held once every actor has finished (unless the VM died, when actors stop mid-call).
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
        return "model sanity: never exclusive plus another holder, one holder per entry lock, nothing held at the end";
    }

    @Override
    public boolean holds(long[] s) {
        // One pass over the vCPUs (each is two actors: its KVM thread and its guest), then the zap.
        // Holders are derived exactly as LockTable.heldCall does; the counts go into one tally.
        int vcpus = c.vcpus();
        long tally = 0;
        int entryMask = 0;
        int nonLeafOwners = 0;
        int leafOwners = 0; // 4 bits per GPA: vCPUs that froze its leaf SPTE and are in SEAMCALL
        boolean allVcpusDone = true;
        for (int v = 0; v < vcpus; v++) {
            int pc = TdxWords.pc(s, v);
            allVcpusDone &= pc == VcpuPc.DONE;
            Seamcall call = LockTable.vcpuThreadHolds(pc);
            if (call != null) {
                tally += modes(call, TdxWords.zeroStepGpas(s, v) != 0);
                if (LockTable.row(call).entry()) {
                    int e = call == Seamcall.MEM_SEPT_ADD ? LockTable.PDE : TdxWords.faultGpa(s, v);
                    if ((entryMask & (1 << e)) != 0) {
                        return false;
                    }
                    entryMask |= 1 << e;
                }
            }
            if (pc == VcpuPc.ACCEPT) { // guest v holds the entry lock of its PAGE.ACCEPT
                tally += modes(Seamcall.MEM_PAGE_ACCEPT, false);
                int e = TdxWords.faultGpa(s, v);
                if ((entryMask & (1 << e)) != 0) {
                    return false;
                }
                entryMask |= 1 << e;
            }
            if (pc == VcpuPc.ADD_FROZEN || pc == VcpuPc.ADD_HELD) {
                nonLeafOwners++;
            } else if (pc == VcpuPc.AUG_FROZEN || pc == VcpuPc.AUG_HELD) {
                leafOwners += 1 << (4 * TdxWords.faultGpa(s, v));
            }
        }
        if (c.hasZap()) {
            Seamcall call = LockTable.zapHolds(TdxWords.zapPc(s));
            if (call != null) {
                tally += modes(call, false);
                if (LockTable.row(call).entry()) {
                    int e = c.zapGpa();
                    if ((entryMask & (1 << e)) != 0) {
                        return false;
                    }
                    entryMask |= 1 << e;
                }
            }
        }
        int epochEx = field(tally, EPOCH_EX);
        int epochSh = field(tally, EPOCH_SH);
        int treeEx = field(tally, TREE_EX);
        int treeSh = field(tally, TREE_SH);
        int holders = field(tally, HOLDERS);
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
        boolean allFinished = allVcpusDone && (!c.hasZap() || TdxWords.zapPc(s) == ZapPc.DONE);
        return holders == 0 || !allFinished || TdxWords.bugged(s) || TdxWords.guestPanicked(s)
                || TdxWords.vmDead(s);
    }

    // ---- the tally: five 8-bit counters in a long (at most 2 * 8 + 1 holders) ----

    private static final int EPOCH_EX = 0;
    private static final int EPOCH_SH = 8;
    private static final int TREE_EX = 16;
    private static final int TREE_SH = 24;
    private static final int HOLDERS = 32;

    /** Per SEAMCALL and zero-step flag: one holder, plus its epoch and tree lock modes, as a tally increment. */
    private static final long[] MODES = buildModes();

    private static long[] buildModes() {
        Seamcall[] calls = Seamcall.values();
        long[] t = new long[calls.length * 2];
        for (Seamcall call : calls) {
            LockTable.Row r = LockTable.row(call);
            for (int zs = 0; zs < 2; zs++) {
                long inc = 1L << HOLDERS;
                inc += r.epoch() == LockMode.EXCLUSIVE ? 1L << EPOCH_EX : r.epoch() == LockMode.SHARED ? 1L << EPOCH_SH : 0;
                LockMode tree = zs == 1 ? r.treeInZeroStep() : r.tree();
                inc += tree == LockMode.EXCLUSIVE ? 1L << TREE_EX : tree == LockMode.SHARED ? 1L << TREE_SH : 0;
                t[call.ordinal() * 2 + zs] = inc;
            }
        }
        return t;
    }

    private static long modes(Seamcall call, boolean zeroStep) {
        return MODES[call.ordinal() * 2 + (zeroStep ? 1 : 0)];
    }

    private static int field(long tally, int at) {
        return (int) (tally >>> at) & 0xFF;
    }
}
