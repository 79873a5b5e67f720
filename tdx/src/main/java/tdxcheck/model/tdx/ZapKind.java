package tdxcheck.model.tdx;

import java.util.Arrays;
import tdxcheck.core.spi.ModelException;

/**
 * Why the host zaps a private page, which decides the mmu-invalidation window around the S-EPT
 * zap (tdx-facts §6b). While the window is open, a fault on a GFN in its range returns
 * RET_PF_RETRY before any SEAMCALL (mmu_invalidate_retry_gfn in kvm_mmu_faultin_pfn, Linux
 * arch/x86/kvm/mmu/mmu.c @3ccbf6f4), even for a GPA that is not mapped.
 */
public enum ZapKind {
    /**
     * guest_memfd punch-hole (kvm_gmem_punch_hole, virt/kvm/guest_memfd.c @01f492e1):
     * invalidate_begin, the zap and the TLB flush under mmu_lock write, unlock, truncate, then
     * invalidate_end under mmu_lock write: the window closes after the truncate.
     */
    PUNCH_HOLE("punch-hole"),
    /**
     * KVM_SET_MEMORY_ATTRIBUTES, private to shared (kvm_vm_set_mem_attributes, virt/kvm/kvm_main.c):
     * invalidate_begin and the zap under mmu_lock write, the attribute store (xa_store) outside
     * it, then invalidate_end: the window stays open until after the attribute store.
     */
    CONVERSION("conversion"),
    /**
     * Memslot deletion or move (kvm_invalidate_memslot, virt/kvm/kvm_main.c; tdx-facts §6b.8, §6d):
     * no invalidation window; the slot is installed INVALID, synchronize_srcu_expedited waits for
     * every vCPU that held SRCU when it started, then the zap runs under mmu_lock write. Faults on
     * the INVALID slot return RET_PF_RETRY (kvm_mmu_faultin_pfn, mmu.c @3ccbf6f4). The model then
     * re-adds the slot (a move), so a fault that waited can complete.
     */
    MEMSLOT("memslot");

    private final String id;

    ZapKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whether the zap opens an mmu-invalidation window (every kind but a memslot deletion, §6b.8). */
    public boolean opensWindow() {
        return this != MEMSLOT;
    }

    public static ZapKind of(String id) {
        for (ZapKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new ModelException("unknown zap kind '" + id + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(ZapKind::id).toList()) + ")");
    }
}
