package tdxcheck.model.tdx;

/**
 * Names who made a retried attempt fail, for traces: "epoch held shared by vcpu0",
 * "secure_ept_lock held exclusive by zap", "SPTE of gpa0 frozen by vcpu1". The lock conflict is
 * the one {@link LockTable#contend} finds first in the module's order (tdx-facts §2); a FROZEN
 * mirror SPTE belongs to the vCPU between its freeze and its SEAMCALL's completion (§5). Not used
 * by the search.
 */
final class BusyHolder {
    private BusyHolder() {
    }

    static String describe(TdxConfig c, long[] s, int action) {
        int actor = TdxAction.actor(action);
        int vcpus = c.vcpus();
        if (actor < vcpus) {
            if ((action & 1) == 1) {
                return null;
            }
            int pc = TdxWords.pc(s, actor);
            return switch (pc) {
                case VcpuPc.RUN -> lockHolder(c, s, actor, Seamcall.VP_ENTER,
                        ZeroStepDetector.inZeroStepMode(s, actor), -1);
                case VcpuPc.ADD_FROZEN -> lockHolder(c, s, actor, Seamcall.MEM_SEPT_ADD, false, LockTable.PDE);
                case VcpuPc.AUG_FROZEN -> lockHolder(c, s, actor, Seamcall.MEM_PAGE_AUG, false,
                        TdxWords.faultGpa(s, actor));
                case VcpuPc.FAULT, VcpuPc.FAULT_RETRY, VcpuPc.LEAF -> frozenBy(c, s, actor, pc);
                default -> null;
            };
        }
        if (actor < 2 * vcpus || !c.hasZap()) {
            return null;
        }
        return switch (TdxWords.zapPc(s)) {
            case ZapPc.BLOCK -> lockHolder(c, s, actor, Seamcall.MEM_RANGE_BLOCK, false, c.zapGpa());
            case ZapPc.TRACK -> lockHolder(c, s, actor, Seamcall.MEM_TRACK, false, -1);
            case ZapPc.REMOVE -> lockHolder(c, s, actor, Seamcall.MEM_PAGE_REMOVE, false, c.zapGpa());
            case ZapPc.DEMOTE -> lockHolder(c, s, actor, Seamcall.MEM_PAGE_DEMOTE, false, c.zapGpa());
            default -> null;
        };
    }

    private static String lockHolder(TdxConfig c, long[] s, int self, Seamcall call, boolean zeroStep, int entry) {
        Outcome first = Outcome.LOCKS_TAKEN;
        StringBuilder who = new StringBuilder();
        String mode = "";
        for (int a = 0; a < c.actorCount(); a++) {
            int holding = LockHolders.of(c, s, a);
            if (a == self || holding == LockHolders.NONE) {
                continue;
            }
            Seamcall held = LockHolders.call(holding);
            boolean heldZs = LockHolders.zeroStep(holding) && held == Seamcall.VP_ENTER;
            Outcome o = LockTable.contend(held, heldZs, call, zeroStep, entry >= 0 && LockHolders.entry(holding) == entry);
            if (o == Outcome.LOCKS_TAKEN) {
                continue;
            }
            if (first == Outcome.LOCKS_TAKEN || o.ordinal() < first.ordinal()) {
                first = o;
                who.setLength(0);
            } else if (o != first) {
                continue;
            }
            LockTable.Row r = LockTable.row(held);
            LockMode m = o == Outcome.BUSY_TD_EPOCH ? r.epoch() : o == Outcome.BUSY_SEPT_TREE
                    ? (heldZs ? r.treeInZeroStep() : r.tree()) : LockMode.EXCLUSIVE;
            mode = m == LockMode.SHARED ? "shared" : "exclusive";
            who.append(who.length() == 0 ? "" : ",").append(c.actorName(a));
        }
        if (first == Outcome.LOCKS_TAKEN) {
            return null;
        }
        String lock = switch (first) {
            case BUSY_TD_EPOCH -> "epoch";
            case BUSY_SEPT_TREE -> "secure_ept_lock";
            default -> entry == LockTable.PDE ? "non-leaf S-EPT entry lock" : "S-EPT entry lock of gpa" + entry;
        };
        return lock + " held " + mode + " by " + who;
    }

    private static String frozenBy(TdxConfig c, long[] s, int self, int pc) {
        int g = TdxWords.faultGpa(s, self);
        boolean nonLeaf = pc != VcpuPc.LEAF && TdxWords.nonLeaf(s) == Spte.FROZEN;
        if (!nonLeaf && TdxWords.spte(s, g) != Spte.FROZEN) {
            return null;
        }
        for (int v = 0; v < c.vcpus(); v++) {
            int vp = TdxWords.pc(s, v);
            if (v == self) {
                continue;
            }
            if (nonLeaf && (vp == VcpuPc.ADD_FROZEN || vp == VcpuPc.ADD_HELD)) {
                return "non-leaf SPTE frozen by " + c.actorName(v);
            }
            if (!nonLeaf && (vp == VcpuPc.AUG_FROZEN || vp == VcpuPc.AUG_HELD) && TdxWords.faultGpa(s, v) == g) {
                return "SPTE of gpa" + g + " frozen by " + c.actorName(v);
            }
        }
        return null;
    }
}
