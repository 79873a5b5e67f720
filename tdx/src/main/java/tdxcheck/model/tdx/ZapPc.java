package tdxcheck.model.tdx;

/**
 * Where the zap (tdx_sept_remove_private_spte under mmu_lock write, tdx-facts §3) is. The
 * acquire steps BLOCK, TRACK and REMOVE also wait for every kicked vCPU to acknowledge.
 */
public final class ZapPc {
    public static final int IDLE = 0;
    /** write_lock(mmu_lock) queued behind readers; new readers now wait (queued rwlock, §5). */
    public static final int WAIT_WRITE = 1;
    /** kick-before-block: set wait_for_sept_zap and kick before RANGE.BLOCK. */
    public static final int PRE_KICK = 2;
    public static final int BLOCK = 3;
    public static final int BLOCK_HELD = 4;
    public static final int TRACK = 5;
    public static final int TRACK_HELD = 6;
    /** tdx_track(): the unconditional kick after a successful TDH.MEM.TRACK. */
    public static final int TRACK_KICK = 7;
    public static final int REMOVE = 8;
    public static final int REMOVE_HELD = 9;
    /** tdx_no_vcpus_enter_start(): BUSY seen, set wait_for_sept_zap and kick, then retry once. */
    public static final int RETRY_KICK = 10;
    public static final int UNLOCK = 11;
    public static final int DONE = 12;
    /** A conversion's attribute store (xa_store), outside mmu_lock, window still open (tdx-facts §6b.6). */
    public static final int ATTR_STORE = 13;
    /** kvm_mmu_invalidate_end: queued for mmu_lock write, then the window closes (§6b.2, §6b.5-6). */
    public static final int INVAL_END = 14;
    /** A punch-hole's truncate_inode_pages_range, outside mmu_lock, window still open (§6b.5). */
    public static final int TRUNCATE = 15;
    /** Memslot deletion: synchronize_srcu_expedited waits for the vCPUs that held SRCU (§6d). */
    public static final int SRCU_WAIT = 16;
    /**
     * The zap caller's kvm_flush_remote_tlbs under mmu_lock write after the unmap: KVM_REQ_TLB_FLUSH,
     * WAIT|NO_WAKEUP, so every vCPU in guest mode must exit before the unlock (tdx-facts §6g.2).
     */
    public static final int FLUSH_KICK = 17;
    /**
     * The split (huge pages, tdx-facts §7a.6): tdx_pamt_get for the new S-EPT page and the 2M range,
     * after BLOCK and tdx_track(); KVM_BUG_ON on failure.
     */
    public static final int PAMT_GET = 18;
    /** The split: TDH.MEM.PAGE.DEMOTE of the blocked, tracked 2M leaf (acquire step). */
    public static final int DEMOTE = 19;
    public static final int DEMOTE_HELD = 20;

    private static final String[] NAMES = {"idle", "wait-mmu-write", "pre-kick", "block", "block:held", "track",
        "track:held", "track-kick", "remove", "remove:held", "retry-kick", "unlock", "done", "attr-store",
        "inval-end", "truncate", "srcu-wait", "tlb-flush-kick", "pamt-get", "demote", "demote:held"};

    private ZapPc() {
    }

    public static String name(int pc) {
        return NAMES[pc];
    }

    /** Holds (or, in WAIT_WRITE, is queued for) mmu_lock write: new readers must wait. */
    public static boolean blocksReaders(int pc) {
        return (pc >= WAIT_WRITE && pc <= UNLOCK) || pc == INVAL_END || pc == FLUSH_KICK || splitting(pc);
    }

    public static boolean holdsWrite(int pc) {
        return (pc > WAIT_WRITE && pc <= UNLOCK) || pc == FLUSH_KICK || splitting(pc);
    }

    /** Between tdx_pamt_get and DEMOTE's return: the split runs only under mmu_lock write (§7a.6). */
    public static boolean splitting(int pc) {
        return pc >= PAMT_GET && pc <= DEMOTE_HELD;
    }
}
