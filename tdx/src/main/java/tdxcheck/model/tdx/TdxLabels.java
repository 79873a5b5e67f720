package tdxcheck.model.tdx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a TDX state and a step read in a trace: action names in the vocabulary of tdx.c and the
 * module ABI, and the state as named fields with the lock owners ("lock.*"). Not on the search
 * path.
 */
public final class TdxLabels {
    private TdxLabels() {
    }

    public static String action(TdxConfig c, long[] s, int action) {
        int actor = TdxAction.actor(action);
        boolean alt = TdxAction.alt(action);
        int vcpus = c.vcpus();
        if (actor < vcpus) {
            int pc = TdxWords.pc(s, actor);
            int g = TdxWords.faultGpa(s, actor);
            if (alt && pc == VcpuPc.RUN) {
                return "TDH.VP.ENTER [returns " + TdxAction.error(action).status().label() + "]";
            }
            if (alt) {
                return pc == VcpuPc.GUEST ? "TD exit on kick IPI"
                        : pc == VcpuPc.USERSPACE ? "userspace: KVM_RUN without converting gpa" + g
                        : "pending event: leave local retry, re-enter";
            }
            return switch (pc) {
                case VcpuPc.RUN -> "TDH.VP.ENTER [acquire]";
                case VcpuPc.ENTER -> "TDH.VP.ENTER [complete]";
                case VcpuPc.FAULT -> "EPT violation gpa" + g + ": read_lock(mmu_lock), walk";
                case VcpuPc.FAULT_RETRY -> "local retry gpa" + g + ": read_lock(mmu_lock), walk";
                case VcpuPc.ADD_FROZEN -> "TDH.MEM.SEPT.ADD [acquire]";
                case VcpuPc.ADD_HELD -> "TDH.MEM.SEPT.ADD [complete]";
                case VcpuPc.LEAF -> "walk leaf SPTE gpa" + g;
                case VcpuPc.AUG_FROZEN -> "TDH.MEM.PAGE.AUG gpa" + g + " [acquire]";
                case VcpuPc.AUG_HELD -> "TDH.MEM.PAGE.AUG gpa" + g + " [complete], set SPTE";
                case VcpuPc.MAP_GPA_USERSPACE -> "userspace: MapGPA done (conversion finished), KVM_RUN";
                case VcpuPc.USERSPACE -> "userspace: KVM_SET_MEMORY_ATTRIBUTES gpa" + g + " private, KVM_RUN";
                default -> VcpuPc.name(pc);
            };
        } else if (actor < 2 * vcpus) {
            int v = actor - vcpus;
            if (TdxWords.pc(s, v) == VcpuPc.ACCEPT) {
                return "TDG.MEM.PAGE.ACCEPT gpa" + TdxWords.faultGpa(s, v) + " [complete]";
            }
            int pos = TdxWords.pos(s, v);
            GuestScript script = c.script(v);
            if (pos >= script.length()) {
                return "halt: TD exit, vCPU done";
            }
            GuestOp op = script.ops().get(pos);
            return switch (op.kind()) {
                case ACCESS, ACCESS_MANY -> op.toString().replace("one instruction: ", "");
                case ACCEPT, TDCALL_ACCEPT -> "TDG.MEM.PAGE.ACCEPT gpa" + op.gpa() + " [acquire]";
                case EXIT -> "TDG.VP.VMCALL: exit to host";
                case MAP_GPA -> "TDG.VP.VMCALL<MapGPA> gpa" + op.gpa() + " shared: KVM_EXIT_HYPERCALL to userspace";
            };
        }
        int z = c.zapGpa(s);
        if (c.hugePage().split()) {
            String split = splitAction(c, s, alt, z);
            if (split != null) {
                return split;
            }
        }
        return switch (TdxWords.zapPc(s)) {
            case ZapPc.IDLE -> c.zapKind() == ZapKind.MEMSLOT
                    ? "memslot delete: install KVM_MEMSLOT_INVALID, synchronize_srcu_expedited"
                    : "write_lock(mmu_lock) to zap gpa" + z + " (" + c.zapKind().id() + ")"
                    + (c.zapKind().opensWindow() ? ", kvm_mmu_invalidate_begin" : "");
            case ZapPc.WAIT_WRITE -> "write_lock(mmu_lock) acquired"
                    + (c.zapKind().opensWindow() ? ", kvm_mmu_invalidate_begin" : "");
            case ZapPc.PRE_KICK -> "set wait_for_sept_zap, kick all vCPUs (before BLOCK)";
            case ZapPc.BLOCK -> "TDH.MEM.RANGE.BLOCK gpa" + z + " [acquire]";
            case ZapPc.BLOCK_HELD -> "TDH.MEM.RANGE.BLOCK gpa" + z + " [complete]";
            case ZapPc.TRACK -> "TDH.MEM.TRACK [acquire]";
            case ZapPc.TRACK_HELD -> "TDH.MEM.TRACK [complete]";
            case ZapPc.TRACK_KICK -> c.zapRetry().skipTrackKick()
                    ? "skip kvm_make_all_cpus_request(KVM_REQ_OUTSIDE_GUEST_MODE) (mutation)"
                    : "kvm_make_all_cpus_request(KVM_REQ_OUTSIDE_GUEST_MODE)";
            case ZapPc.FLUSH_KICK -> "kvm_flush_remote_tlbs: KVM_REQ_TLB_FLUSH to all vCPUs (wait)";
            case ZapPc.REMOVE -> "TDH.MEM.PAGE.REMOVE gpa" + z + " [acquire]";
            case ZapPc.REMOVE_HELD -> "TDH.MEM.PAGE.REMOVE gpa" + z + " [complete]";
            case ZapPc.RETRY_KICK -> "tdx_no_vcpus_enter_start: set wait_for_sept_zap, kick";
            case ZapPc.UNLOCK -> c.zapRetry().kickBeforeBlock() ? "clear wait_for_sept_zap, write_unlock(mmu_lock)"
                    : "write_unlock(mmu_lock)";
            case ZapPc.ATTR_STORE -> "KVM_SET_MEMORY_ATTRIBUTES: store gpa" + z + " shared";
            case ZapPc.SRCU_WAIT -> "SRCU grace period over: write_lock(mmu_lock) to zap gpa" + z;
            case ZapPc.TRUNCATE -> "guest_memfd: truncate the punched page (window open)";
            case ZapPc.INVAL_END -> "write_lock(mmu_lock), kvm_mmu_invalidate_end, unlock";
            default -> ZapPc.name(TdxWords.zapPc(s));
        };
    }

    /** The split's own steps (tdx-facts §7a.6), or null where it reads like a removal's. */
    private static String splitAction(TdxConfig c, long[] s, boolean alt, int z) {
        String range = "gpa" + z + (TdxWords.huge(s) ? " (2M)" : "");
        return switch (TdxWords.zapPc(s)) {
            case ZapPc.IDLE -> "write_lock(mmu_lock) to split the 2M mapping of gpa" + z;
            case ZapPc.WAIT_WRITE -> "write_lock(mmu_lock) acquired";
            case ZapPc.BLOCK -> "TDH.MEM.RANGE.BLOCK " + range + " [acquire]";
            case ZapPc.BLOCK_HELD -> "TDH.MEM.RANGE.BLOCK " + range + " [complete]";
            case ZapPc.PAMT_GET -> "tdx_pamt_get: the new S-EPT page and the 2M range";
            case ZapPc.DEMOTE -> "TDH.MEM.PAGE.DEMOTE " + range + " [acquire]";
            case ZapPc.DEMOTE_HELD -> "TDH.MEM.PAGE.DEMOTE " + range + " [complete]"
                    + (alt ? " (host interrupt pending)" : "");
            default -> null;
        };
    }

    /** Every field of the state, in display order; lock owners under "lock.*". */
    public static Map<String, String> fields(TdxConfig c, long[] s) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int v = 0; v < c.vcpus(); v++) {
            String p = "vcpu" + v;
            int pc = TdxWords.pc(s, v);
            boolean withGpa = VcpuPc.inFaultPath(pc) || pc == VcpuPc.ACCEPT;
            f.put(p, VcpuPc.name(pc) + (withGpa ? " gpa" + TdxWords.faultGpa(s, v) : ""));
            GuestScript script = c.script(v);
            int pos = TdxWords.pos(s, v);
            f.put(p + ".rip", pos >= script.length() ? "end" : pos + ": " + script.ops().get(pos));
            int gpas = TdxWords.zeroStepGpas(s, v);
            f.put(p + ".zero_step", gpas != 0 ? "ZERO-STEP " + gpaList(gpas)
                    : TdxWords.zeroStepCount(s, v) + "/" + c.threshold());
            f.put(p + ".td", TdxWords.inTd(s, v) ? "in TD, epoch " + TdxWords.entryEpoch(s, v) : "-");
            f.put(p + ".kick", TdxWords.kickPending(s, v) ? "pending" : "-");
            f.put(p + ".accepting", TdxWords.accepting(s, v) ? "claimed" : "-");
            if (c.zapKind() == ZapKind.MEMSLOT) {
                f.put(p + ".srcu", (VcpuPc.holdsSrcu(pc) ? "held" : "-")
                        + (TdxWords.srcuWaited(s, v) ? " (synchronize_srcu waits)" : ""));
            }
        }
        for (int g = 0; g < c.gpas(); g++) {
            f.put("gpa" + g + ".spte", Spte.name(TdxWords.spte(s, g)) + (TdxWords.shared(s, g) ? " (attr shared)" : ""));
            int st = TdxWords.sept(s, g);
            f.put("gpa" + g + ".sept", SeptState.name(st)
                    + (SeptState.blocked(st) ? " @epoch " + TdxWords.blockEpoch(s, g) : "")
                    + (TdxWords.hostPriority(s, g) ? " +HP" : ""));
        }
        f.put("pde.spte", Spte.name(TdxWords.nonLeaf(s)));
        if (c.hugePage() != HugePage.NONE) {
            f.put("gpa" + c.zapGpa() + ".level", TdxWords.huge(s) ? "2M leaf (gpa" + c.zapGpa()
                    + "'s fields are the 2M entry's)" : "4K");
        }
        if (c.hugePage().split()) {
            f.put("kvm.pamt", TdxWords.pamtGot(s) ? "got (new S-EPT page, 2M range)" : "-");
        }
        f.put("td.epoch", Integer.toString(TdxWords.epoch(s)));
        f.put("kvm.wait_for_sept_zap", TdxWords.waitForSeptZap(s) ? "1" : "0");
        if (c.hasZap()) {
            f.put("zap", ZapPc.name(TdxWords.zapPc(s)) + (TdxWords.zapRetried(s) ? " (kicked retry)" : ""));
            if (c.zapKind() == ZapKind.MEMSLOT) {
                f.put("kvm.memslot", TdxWords.slotInvalid(s) ? "KVM_MEMSLOT_INVALID" : "valid");
            }
            f.put("kvm.invalidate", TdxWords.invalWindow(s) ? "in progress [gpa" + c.zapGpa(s) + "]" : "-");
        }
        f.put("kvm.bug", TdxWords.bugged(s) ? "KVM_BUG_ON" : "-");
        f.put("guest.panic", TdxWords.guestPanicked(s) ? "panic (ACCEPT BUSY)" : "-");
        if (c.vpEnter().errors() != 0 || c.vpEnter().decode() != VpEnterEnv.DEFAULT.decode()) {
            f.put("kvm.exit_decode", c.vpEnter().decode().id() + (TdxWords.misdecoded(s)
                    ? ": MISDECODED (an exit reason read out of a status without one)" : ""));
        }
        f.put("kvm.vm_dead", TdxWords.vmDead(s) ? "kvm_vm_dead (guest access before accepting)" : "-");
        f.put("lock.mmu", MmuLock.owners(c, s));
        f.put("lock.epoch", LockHolders.owners(c, s, true));
        f.put("lock.sept_tree", LockHolders.owners(c, s, false));
        for (int g = 0; g < c.gpas(); g++) {
            f.put("lock.entry[gpa" + g + "]", LockHolders.entryOwners(c, s, g));
        }
        f.put("lock.entry[pde]", LockHolders.entryOwners(c, s, LockTable.PDE));
        return f;
    }

    private static String gpaList(int mask) {
        StringBuilder sb = new StringBuilder("[");
        for (int g = 0; g < TdxWords.MAX_GPAS; g++) {
            if ((mask & (1 << g)) != 0) {
                sb.append(sb.length() > 1 ? "," : "").append("gpa").append(g);
            }
        }
        return sb.append(']').toString();
    }
}
