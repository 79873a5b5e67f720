package tdxcheck.model.tdx;

/**
 * Every option of a TDX scenario, with its meaning, default and range. A scenario names the
 * options it takes ({@link TdxScenarios.Info#options()}); giving another one a value other than
 * the scenario's default is an error.
 *
 * @param vcpus         vCPUs of the TD ({@value #VCPUS}); 1..{@value TdxWords#MAX_VCPUS}; default per scenario
 * @param gpas          private GPAs the scenario uses ({@value #GPAS}); 1..{@value TdxWords#MAX_GPAS};
 *                      default per scenario
 * @param threshold     the module's zero-step threshold STEPPING_EPF_THRESHOLD ({@value #THRESHOLD});
 *                      1..{@value TdxWords#MAX_THRESHOLD}; default 6 (TDX module 1.5.01-1.5.06, tdx-facts §1)
 * @param pendingEvents ({@value #PENDING_EVENTS}) an event may be pending at any point, without bound,
 *                      breaking KVM's local retry loop (kvm_vcpu_has_events); default false
 * @param guest         ({@value #GUEST}) the guest kind: {@code linux} (default) or {@code ve}, see
 *                      {@link GuestKind}
 * @param zapKind       ({@value #ZAP_KIND}) why the host zaps: {@code punch-hole} (default) or
 *                      {@code conversion}, see {@link ZapKind}
 */
public record TdxOptions(int vcpus, int gpas, int threshold, boolean pendingEvents, GuestKind guest,
                         ZapKind zapKind) {
    public static final String VCPUS = "vcpus";
    public static final String GPAS = "gpas";
    public static final String THRESHOLD = "threshold";
    public static final String PENDING_EVENTS = "pending-events";
    public static final String GUEST = "guest";
    public static final String ZAP_KIND = "zap-kind";

    public TdxOptions {
        if (guest == null || zapKind == null) {
            throw new tdxcheck.core.spi.ModelException("guest and zap kind must be set");
        }
    }

    /** 2 vCPUs, 1 GPA, threshold 6, no pending events, a Linux guest, a punch-hole zap. */
    public static TdxOptions defaults() {
        return new TdxOptions(2, 1, TdxScenarios.DEFAULT_THRESHOLD, false, GuestKind.LINUX, ZapKind.PUNCH_HOLE);
    }

    public TdxOptions withVcpus(int v) {
        return new TdxOptions(v, gpas, threshold, pendingEvents, guest, zapKind);
    }

    public TdxOptions withGpas(int g) {
        return new TdxOptions(vcpus, g, threshold, pendingEvents, guest, zapKind);
    }

    public TdxOptions withThreshold(int t) {
        return new TdxOptions(vcpus, gpas, t, pendingEvents, guest, zapKind);
    }

    public TdxOptions withPendingEvents(boolean p) {
        return new TdxOptions(vcpus, gpas, threshold, p, guest, zapKind);
    }

    public TdxOptions withGuest(GuestKind k) {
        return new TdxOptions(vcpus, gpas, threshold, pendingEvents, k, zapKind);
    }

    public TdxOptions withZapKind(ZapKind k) {
        return new TdxOptions(vcpus, gpas, threshold, pendingEvents, guest, k);
    }
}
