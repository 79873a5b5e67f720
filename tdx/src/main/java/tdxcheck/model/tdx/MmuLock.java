package tdxcheck.model.tdx;

/**
 * KVM's mmu_lock, a queued rwlock (tdx-facts §5): faults take it for read, the zap for write.
 * Once the writer waits, new readers queue behind it; without that, a stream of faults would
 * starve the zap in the model, which Linux does not allow (design.md). Holders are derived from
 * the actors' positions.
 */
public final class MmuLock {
    private MmuLock() {
    }

    /** A fault may take the read lock: no writer holds or waits. */
    public static boolean readAvailable(TdxConfig c, long[] s) {
        return !c.hasZap() || !ZapPc.blocksReaders(TdxWords.zapPc(s));
    }

    public static boolean hasReaders(TdxConfig c, long[] s) {
        for (int v = 0; v < c.vcpus(); v++) {
            if (VcpuPc.holdsMmuRead(TdxWords.pc(s, v))) {
                return true;
            }
        }
        return false;
    }

    /** Owner label: "-", "read vcpu0,vcpu1", "write zap", or readers with "zap queued". */
    public static String owners(TdxConfig c, long[] s) {
        StringBuilder sb = new StringBuilder();
        for (int v = 0; v < c.vcpus(); v++) {
            if (VcpuPc.holdsMmuRead(TdxWords.pc(s, v))) {
                sb.append(sb.length() == 0 ? "read " : ",").append(c.actorName(v));
            }
        }
        if (c.hasZap()) {
            int zpc = TdxWords.zapPc(s);
            if (ZapPc.holdsWrite(zpc)) {
                return sb.length() == 0 ? "write zap" : "write zap + " + sb;
            } else if (zpc == ZapPc.WAIT_WRITE) {
                return (sb.length() == 0 ? "" : sb + ", ") + "zap queued for write";
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }
}
