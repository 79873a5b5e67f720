package tdxcheck.tdxenable.program;

/**
 * What a per-CPU callback does to one CPU. VMX_ON/VMX_OFF are KVM's per-CPU hardware_enabled flag
 * (idempotent); VMX_GET/VMX_PUT are the refcounted x86_virt_get_cpu/put_cpu of the subsys-init
 * order (tdx-facts §7d.4, [VMXON-v2] &lt;20251206011054.494190-4-seanjc@google.com&gt;). LP_INIT is
 * tdx_cpu_enable(), i.e. the SEAMCALL TDH.SYS.LP.INIT, which itself needs VMXON.
 */
public enum Effect {
    NONE("", false),
    VMX_ON("VMXON", false),
    VMX_OFF("VMXOFF", false),
    VMX_GET("x86_virt_get_cpu (VMXON on first user)", false),
    VMX_PUT("x86_virt_put_cpu (VMXOFF on last user)", false),
    LP_INIT("tdx_cpu_enable: TDH.SYS.LP.INIT", true),
    VMX_ON_LP_INIT("VMXON + tdx_cpu_enable: TDH.SYS.LP.INIT", true),
    VMX_GET_LP_INIT("x86_virt_get_cpu + tdx_cpu_enable: TDH.SYS.LP.INIT", true);

    private final String text;
    private final boolean lpInit;

    Effect(String text, boolean lpInit) {
        this.text = text;
        this.lpInit = lpInit;
    }

    public String text() {
        return text;
    }

    /** Whether the effect issues TDH.SYS.LP.INIT (a SEAMCALL). */
    public boolean lpInit() {
        return lpInit;
    }

    /** Whether VMXON is done before the LP.INIT, within the same callback. */
    public boolean vmxFirst() {
        return this == VMX_ON_LP_INIT || this == VMX_GET_LP_INIT;
    }
}
