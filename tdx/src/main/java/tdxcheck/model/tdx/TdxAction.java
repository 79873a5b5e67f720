package tdxcheck.model.tdx;

/**
 * The action ids of {@link TdxModel}: bits 15:0 are actor * 2 + choice (choice 1 = the vCPU's
 * alternative step), bits 31:16 the {@link VpEnterError} of a VP.ENTER error return (the
 * alternative at the run loop; one action per error class the environment allows).
 */
public final class TdxAction {
    private static final int LOW = 0xFFFF;

    private TdxAction() {
    }

    public static int actor(int action) {
        return (action & LOW) >> 1;
    }

    public static boolean alt(int action) {
        return (action & 1) != 0;
    }

    /** The error class of a VP.ENTER error action. */
    public static VpEnterError error(int action) {
        return VpEnterError.values()[action >>> 16];
    }

    /** vCPU {@code v}'s TDH.VP.ENTER returning {@code e}. */
    public static int errorReturn(int v, VpEnterError e) {
        return (2 * v + 1) | (e.ordinal() << 16);
    }

    /** {@code action} with its actor replaced by {@code actor}. */
    public static int withActor(int action, int actor) {
        return (action & ~LOW) | (2 * actor + (action & 1));
    }
}
