package tdxcheck.tdbuild;

import java.util.EnumMap;
import java.util.Map;

/**
 * The module's locks per build SEAMCALL, in the order it tries them: tdx-facts §7c.1 (read from
 * intel/tdx-module 1.5.01 @72d8cff; VP.INIT v1 from 2.0.08 @1666adc). The op_state lock is left
 * out: the build calls take it shared or not at all, so it never fails here. PAGE.ADD's target-page
 * PAMT lock (R8) is left out: every INIT_MEM_REGION adds its own page. TDH.MNG.INIT stands for
 * INIT_VM's calls; it runs before any vCPU can exist, so its TDR mode cannot matter.
 */
public final class ModuleLockTable {
    private static final ModuleLock TDR_EX_RCX = new ModuleLock(ModuleLock.Target.TDR, LockMode.EXCLUSIVE, "RCX", 0x01);
    private static final ModuleLock TDR_EX_RDX = new ModuleLock(ModuleLock.Target.TDR, LockMode.EXCLUSIVE, "RDX", 0x02);
    private static final ModuleLock TDR_S_RDX = new ModuleLock(ModuleLock.Target.TDR, LockMode.SHARED, "RDX", 0x02);
    private static final ModuleLock TDR_S_IMPLICIT = new ModuleLock(ModuleLock.Target.TDR, LockMode.SHARED, "TDR", 0x80);
    private static final ModuleLock TDR_EX_IMPLICIT = new ModuleLock(ModuleLock.Target.TDR, LockMode.EXCLUSIVE, "TDR", 0x80);
    private static final ModuleLock TDVPR_EX_RCX = new ModuleLock(ModuleLock.Target.TDVPR, LockMode.EXCLUSIVE, "RCX", 0x01);
    private static final ModuleLock TDVPR_EX_RDX = new ModuleLock(ModuleLock.Target.TDVPR, LockMode.EXCLUSIVE, "RDX", 0x02);

    private final VpInitTdr vpInitTdr;
    private final Map<Seamcall, ModuleLock[]> locks = new EnumMap<>(Seamcall.class);
    private final Map<Seamcall, LockMode> tdr = new EnumMap<>(Seamcall.class);

    public ModuleLockTable(VpInitTdr vpInitTdr) {
        this.vpInitTdr = vpInitTdr;
        put(Seamcall.MNG_INIT, TDR_EX_RCX);
        put(Seamcall.MR_FINALIZE, TDR_EX_RCX);
        put(Seamcall.MR_EXTEND, TDR_EX_RDX);
        put(Seamcall.PAGE_ADD, TDR_EX_RDX);
        put(Seamcall.VP_CREATE, TDR_S_RDX, TDVPR_EX_RCX);
        put(Seamcall.VP_ADDCX, TDVPR_EX_RDX, TDR_S_IMPLICIT);
        put(Seamcall.VP_INIT, TDVPR_EX_RCX, vpInitTdr == VpInitTdr.EXCLUSIVE ? TDR_EX_IMPLICIT : TDR_S_IMPLICIT);
    }

    private void put(Seamcall c, ModuleLock... l) {
        locks.put(c, l);
        LockMode m = LockMode.NONE;
        for (ModuleLock x : l) {
            if (x.target() == ModuleLock.Target.TDR) {
                m = x.mode();
            }
        }
        tdr.put(c, m);
    }

    public VpInitTdr vpInitTdr() {
        return vpInitTdr;
    }

    /** The locks of {@code c} in acquisition order (the array is shared: do not modify). */
    public ModuleLock[] locks(Seamcall c) {
        return locks.get(c);
    }

    /** How {@code c} holds the TDR while it runs. */
    public LockMode tdrMode(Seamcall c) {
        return tdr.get(c);
    }
}
