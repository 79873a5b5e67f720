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
import tdxcheck.properties.StateInvariant;

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
        int actors = c.actorCount();
        int epochEx = 0;
        int epochSh = 0;
        int treeEx = 0;
        int treeSh = 0;
        int entryMask = 0;
        int holders = 0;
        for (int a = 0; a < actors; a++) {
            Seamcall call = LockTable.heldCall(c, s, a);
            if (call == null) {
                continue;
            }
            holders++;
            LockTable.Row r = LockTable.row(call);
            if (r.epoch() == LockMode.EXCLUSIVE) {
                epochEx++;
            } else if (r.epoch() == LockMode.SHARED) {
                epochSh++;
            }
            LockMode t = LockTable.heldInZeroStep(c, s, a) ? r.treeInZeroStep() : r.tree();
            if (t == LockMode.EXCLUSIVE) {
                treeEx++;
            } else if (t == LockMode.SHARED) {
                treeSh++;
            }
            int e = LockTable.heldEntry(c, s, a);
            if (e >= 0) {
                if ((entryMask & (1 << e)) != 0) {
                    return false;
                }
                entryMask |= 1 << e;
            }
        }
        if (epochEx > 1 || (epochEx == 1 && epochSh > 0) || treeEx > 1 || (treeEx == 1 && treeSh > 0)) {
            return false;
        }
        if (c.hasZap() && ZapPc.holdsWrite(TdxWords.zapPc(s)) && MmuLock.hasReaders(c, s)) {
            return false;
        }
        if (!frozenOwned(s)) {
            return false;
        }
        return holders == 0 || !allFinished(s) || TdxWords.bugged(s) || TdxWords.guestPanicked(s);
    }

    private boolean frozenOwned(long[] s) {
        int nonLeafOwners = 0;
        for (int v = 0; v < c.vcpus(); v++) {
            int pc = TdxWords.pc(s, v);
            if (pc == VcpuPc.ADD_FROZEN || pc == VcpuPc.ADD_HELD) {
                nonLeafOwners++;
            }
        }
        if ((TdxWords.nonLeaf(s) == Spte.FROZEN) != (nonLeafOwners == 1) || nonLeafOwners > 1) {
            return false;
        }
        for (int g = 0; g < c.gpas(); g++) {
            int owners = 0;
            for (int v = 0; v < c.vcpus(); v++) {
                int pc = TdxWords.pc(s, v);
                if ((pc == VcpuPc.AUG_FROZEN || pc == VcpuPc.AUG_HELD) && TdxWords.faultGpa(s, v) == g) {
                    owners++;
                }
            }
            if ((TdxWords.spte(s, g) == Spte.FROZEN) != (owners == 1) || owners > 1) {
                return false;
            }
        }
        return true;
    }

    private boolean allFinished(long[] s) {
        for (int v = 0; v < c.vcpus(); v++) {
            if (TdxWords.pc(s, v) != VcpuPc.DONE) {
                return false;
            }
        }
        return !c.hasZap() || TdxWords.zapPc(s) == ZapPc.DONE;
    }
}
