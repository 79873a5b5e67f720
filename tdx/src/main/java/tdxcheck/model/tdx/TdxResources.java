package tdxcheck.model.tdx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report's resource lanes ({@code Model.resources}): what makes a fault or a vCPU entry wait
 * that is no lock. A mirror SPTE frozen (FROZEN_SPTE) belongs to the vCPU between its cmpxchg and
 * its SEAMCALL's completion, and every other fault on it returns RET_PF_RETRY (tdx-facts §3, §5;
 * tdp_mmu_set_spte_atomic in arch/x86/kvm/mmu/tdp_mmu.c, v6.16). The mmu invalidation window
 * (kvm_mmu_invalidate_begin..end) makes a fault on its range retry (§6b.5-6, mmu_invalidate_retry_gfn);
 * wait_for_sept_zap keeps vCPUs from entering while a zap retries (§3, tdx_no_vcpus_enter_start,
 * v6.16). Not used by the search.
 */
final class TdxResources {
    private static final String FREE = "-";

    private TdxResources() {
    }

    static Map<String, String> of(TdxConfig c, long[] s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spte[pde]", TdxWords.nonLeaf(s) == Spte.FROZEN ? frozenBy(c, s, -1) : FREE);
        for (int g = 0; g < c.gpas(); g++) {
            m.put("spte[gpa" + g + "]", TdxWords.spte(s, g) == Spte.FROZEN ? frozenBy(c, s, g) : FREE);
        }
        if (c.hasZap()) {
            String zap = c.actorName(c.zapActor());
            m.put("mmu_invalidate", TdxWords.invalWindow(s) ? "gpa" + c.zapGpa(s) + " by " + zap : FREE);
            m.put("wait_for_sept_zap", TdxWords.waitForSeptZap(s) ? "set by " + zap : FREE);
        } else {
            m.put("wait_for_sept_zap", TdxWords.waitForSeptZap(s) ? "set" : FREE);
        }
        return m;
    }

    /** "frozen by vcpu0": the vCPU calling SEPT.ADD (gpa -1, the non-leaf entry) or PAGE.AUG for it. */
    private static String frozenBy(TdxConfig c, long[] s, int gpa) {
        for (int v = 0; v < c.vcpus(); v++) {
            int pc = TdxWords.pc(s, v);
            boolean holds = gpa < 0 ? pc == VcpuPc.ADD_FROZEN || pc == VcpuPc.ADD_HELD
                    : (pc == VcpuPc.AUG_FROZEN || pc == VcpuPc.AUG_HELD) && TdxWords.faultGpa(s, v) == gpa;
            if (holds) {
                return "frozen by " + c.actorName(v);
            }
        }
        return "frozen";
    }
}
