package tdxcheck.core.spi;

/**
 * What a trace shows for one transition: the action ("TDH.MEM.TRACK", "guest: access gpa0") and
 * its outcome ("TDX_OPERAND_BUSY|TD_EPOCH", "TDX_SUCCESS", "RET_PF_RETRY", or "" when the action
 * is not a call with a result).
 */
public record StepLabel(String action, String outcome) {
    public StepLabel {
        if (action == null || outcome == null) {
            throw new IllegalArgumentException("action and outcome must not be null");
        }
    }

    public static StepLabel of(String action) {
        return new StepLabel(action, "");
    }
}
