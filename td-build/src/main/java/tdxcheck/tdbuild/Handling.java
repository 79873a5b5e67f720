package tdxcheck.tdbuild;

/** What KVM does with a SEAMCALL that returned TDX_OPERAND_BUSY (tdx-facts §7c.2, §7c.4). */
public enum Handling {
    /** KVM_BUG_ON / TDX_BUG_ON: the VM is bugged, every later ioctl fails. */
    KVM_BUG_ON("KVM_BUG_ON"),
    /** -EBUSY to userspace, which issues the ioctl again. */
    EBUSY_RETRY("-EBUSY (userspace retries the ioctl)"),
    /** -EIO to userspace: the build fails, though nothing was wrong but contention. */
    EIO("-EIO");

    private final String text;

    Handling(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
