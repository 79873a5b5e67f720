package tdxcheck.tdxenable.program;

/** The condition of a JUMP_IF, evaluated on the state reached by the step before. */
public enum Cond {
    USAGE_ZERO,
    USAGE_NOT_ZERO,
    USAGE_NOT_ONE,
    KVM_HP_OFF,
    TDX_HP_OFF,
    CORE_HP_OFF,
    /** The hotplug operation was refused by tdx_offline_cpu. */
    REFUSED,
    /** TD creation failed (a package had no online CPU). */
    TD_FAILED
}
