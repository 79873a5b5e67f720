package tdxcheck.model.tdx;

import tdxcheck.core.spi.ModelException;

/**
 * What KVM returns when the zero-step mitigation's fake EPT violation names a GPA whose mirror
 * SPTE is already present (the page is AUGed but PENDING, or BLOCKED): UNCONFIRMED (tdx-facts
 * §6c.5, "Still UNCONFIRMED" in §8), so a parameter with every plausible value pinned.
 * <ul>
 *   <li>{@code spurious} (default): the TDP MMU finds the same SPTE it would install,
 *       RET_PF_SPURIOUS; since kvm_mmu_page_fault returns RET_PF_* values (Yan Zhao, "KVM:
 *       x86/mmu: Return RET_PF* instead of 1 in kvm_mmu_page_fault()", 2025) the TDX local retry
 *       loop, which repeats only RET_PF_RETRY, ends and the vCPU re-enters: the same fake exit.</li>
 *   <li>{@code retry}: the fault is RET_PF_RETRY, so the fault retry policy decides (a local
 *       retry loop spins in KVM, with SRCU held, until the page is MAPPED).</li>
 *   <li>{@code kvm-bug}: the mirror SPTE update meets a present SPTE and KVM_BUG_ONs; Rick
 *       Edgecombe gave this as the reason KVM kills the VM on a PENDING access instead of
 *       re-faulting (reply to the Jul 2025 KVM_EXIT_MEMORY_FAULT proposal, tdx-facts §6c.7).</li>
 * </ul>
 */
public enum PresentSpte {
    SPURIOUS("spurious"),
    RETRY("retry"),
    KVM_BUG("kvm-bug");

    private final String id;

    PresentSpte(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static PresentSpte of(String id) {
        for (PresentSpte p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new ModelException("unknown present-spte value '" + id + "' (known: spurious, retry, kvm-bug)");
    }
}
