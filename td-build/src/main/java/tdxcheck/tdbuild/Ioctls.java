package tdxcheck.tdbuild;

import tdxcheck.tdbuild.guard.BuildGuard;

/**
 * The programs of the ioctl threads: the guard writes each ioctl's locks and checks, the bodies
 * follow 6.16's tdx.c (torvalds/linux 3829d81b): tdx_td_init, tdx_td_finalize, tdx_td_vcpu_init
 * (VP.CREATE, VP.ADDCX per TDCX page, VP.INIT) and tdx_gmem_post_populate (map, PAGE.ADD,
 * MR.EXTEND when measured). The S-EPT page tables are taken as present (no TDH.MEM.SEPT.ADD).
 */
public final class Ioctls {
    private Ioctls() {
    }

    /** Thread 0: KVM_TDX_INIT_VM, then KVM_TDX_FINALIZE_VM when the shape finalizes. */
    public static Program vmThread(BuildGuard g, BuildShape shape) {
        Program.Builder b = Program.builder().begin(Ioctl.INIT_VM);
        g.enter(b, Ioctl.INIT_VM, 0, shape.vcpus());
        b.seamcall(Seamcall.MNG_INIT, "tdx_td_init: TDH.MNG.CREATE, KEY.CONFIG, ADDCX, TDH.MNG.INIT")
                .ret("KVM_TDX_INIT_VM returns 0: TD INITIALIZED");
        if (shape.finalizes()) {
            b.begin(Ioctl.FINALIZE_VM);
            g.enter(b, Ioctl.FINALIZE_VM, 0, shape.vcpus());
            b.seamcall(Seamcall.MR_FINALIZE, "tdx_td_finalize: TDH.MR.FINALIZE")
                    .ret("KVM_TDX_FINALIZE_VM returns 0: TD RUNNABLE");
        }
        return b.build();
    }

    /** Thread 1 + vcpu: KVM_CREATE_VCPU, KVM_TDX_INIT_VCPU, and INIT_MEM_REGION for the first vCPUs. */
    public static Program vcpuThread(BuildGuard g, BuildShape shape, int vcpu) {
        Program.Builder b = Program.builder().createVcpu("KVM_CREATE_VCPU").begin(Ioctl.INIT_VCPU);
        g.enter(b, Ioctl.INIT_VCPU, vcpu, shape.vcpus());
        b.seamcall(Seamcall.VP_CREATE, "tdx_td_vcpu_init: TDH.VP.CREATE");
        for (int i = 0; i < shape.tdcx(); i++) {
            b.seamcall(Seamcall.VP_ADDCX, "tdx_td_vcpu_init: TDH.VP.ADDCX (TDCX page " + i + ")");
        }
        if (g.vpInitUnderMmuWrite()) {
            b.lock(KvmLocks.MMU_WRITE, "scoped_guard(write_lock, &kvm->mmu_lock)");
        }
        b.seamcall(Seamcall.VP_INIT, "tdx_td_vcpu_init: TDH.VP.INIT");
        if (g.vpInitUnderMmuWrite()) {
            b.unlock(KvmLocks.MMU_WRITE, "write_unlock(&kvm->mmu_lock)");
        }
        b.ret("KVM_TDX_INIT_VCPU returns 0");
        if (vcpu < shape.memRegions()) {
            b.begin(Ioctl.INIT_MEM_REGION);
            g.enter(b, Ioctl.INIT_MEM_REGION, vcpu, shape.vcpus());
            for (int p = 0; p < shape.pages(); p++) {
                String page = shape.pages() == 1 ? "" : " (page " + p + ")";
                if (g.pageAddUnderMmuRead()) {
                    b.lock(KvmLocks.MMU_READ, "kvm_tdp_map_page: read_lock(&kvm->mmu_lock)" + page)
                            .seamcall(Seamcall.PAGE_ADD, "set_external_spte: TDH.MEM.PAGE.ADD" + page)
                            .unlock(KvmLocks.MMU_READ, "read_unlock(&kvm->mmu_lock)");
                } else {
                    b.map("kvm_tdp_map_page: mirror S-EPT under mmu_lock read" + page)
                            .seamcall(Seamcall.PAGE_ADD, "tdx_gmem_post_populate: TDH.MEM.PAGE.ADD" + page);
                }
                if (shape.measure()) {
                    b.seamcall(Seamcall.MR_EXTEND, "tdx_gmem_post_populate: TDH.MR.EXTEND" + page);
                }
            }
            b.ret("KVM_TDX_INIT_MEM_REGION returns 0");
        }
        return b.build();
    }
}
