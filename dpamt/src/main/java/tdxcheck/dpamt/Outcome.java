package tdxcheck.dpamt;

/** What one step of a page thread ends in; the properties and the trace labels read it. */
public enum Outcome {
    NONE(""),
    SUCCESS("TDX_SUCCESS"),
    LOCKS_TAKEN("locks taken"),
    /** PAMT.ADD met a held 2M node: get fails, the fault is retried (or lock-free get retries). */
    ADD_BUSY("TDX_OPERAND_BUSY -> get fails, retried"),
    /** PAMT.ADD on a node that already has its page pair. */
    ADD_NOT_FREE("TDX_HPA_RANGE_NOT_FREE -> get retried"),
    /** PAGE.AUG met the node held exclusive: RET_PF_RETRY, the fault runs again. */
    AUG_BUSY("TDX_OPERAND_BUSY -> RET_PF_RETRY"),
    /** PAGE.REMOVE met the node held exclusive: kick the vCPUs and retry once (tdh_do_no_vcpus). */
    REMOVE_BUSY_RETRY("TDX_OPERAND_BUSY -> kick vCPUs, retry once"),
    /** PAGE.REMOVE BUSY again: KVM_BUG_ON. */
    REMOVE_BUSY_BUG("TDX_OPERAND_BUSY again -> KVM_BUG_ON"),
    /** PAGE.AUG / PAGE.REMOVE on a range without its PAMT page pair: the walk fails, KVM_BUG_ON. */
    NO_PAMT_BUG("PAMT walk fails (no 4K PAMT for the range) -> KVM_BUG_ON"),
    /** PAMT.REMOVE met a held node: put cannot fail, so the count is restored and the pages leak. */
    PUT_BUSY("TDX_OPERAND_BUSY in put -> refcount restored, PAMT pages leak"),
    /** PAMT.REMOVE found a 4K entry in use. */
    PUT_NOT_EMPTY("TDX_PAMT_PAGE_NOT_EMPTY in put -> refcount restored");

    private final String text;

    Outcome(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean isBug() {
        return this == REMOVE_BUSY_BUG || this == NO_PAMT_BUG;
    }
}
