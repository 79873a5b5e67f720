package tdxcheck.tdbuild;

/**
 * One instruction: its kind, the KVM lock (LOCK/UNLOCK), the SEAMCALL (SEAMCALL/DONE), the ioctl
 * it belongs to, the pc where that ioctl starts (userspace retries there on -EBUSY) and the text
 * a trace shows.
 */
public record Op(OpKind kind, int lock, Seamcall call, Ioctl ioctl, int retry, String text) {
}
