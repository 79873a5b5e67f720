package tdxcheck.tdbuild;

import java.util.LinkedHashMap;
import java.util.Map;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.tdbuild.guard.BuildGuard;

import static tdxcheck.tdbuild.BuildWords.*;

/**
 * The TD build as a transition system (tdx-facts §7c). Actors are ioctl threads: {@code vm}
 * (INIT_VM, FINALIZE_VM) and {@code vcpuI} (KVM_CREATE_VCPU, INIT_VCPU, INIT_MEM_REGION). KVM's
 * locks block; the module's locks are try-locks, and a SEAMCALL is two steps (acquire, then
 * complete), so other threads run between them (design.md, "A SEAMCALL is two atomic steps").
 * Each thread has one next op, so the action id is the thread index.
 */
public final class BuildModel implements Model {
    private final BuildShape shape;
    private final BuildGuard guard;
    private final ModuleLockTable table;
    private final Program[] programs;

    public BuildModel(BuildShape shape, BuildGuard guard) {
        this.shape = shape;
        this.guard = guard;
        this.table = new ModuleLockTable(shape.vpInitTdr());
        this.programs = new Program[shape.threads()];
        programs[0] = Ioctls.vmThread(guard, shape);
        for (int i = 0; i < shape.vcpus(); i++) {
            programs[1 + i] = Ioctls.vcpuThread(guard, shape, i);
        }
    }

    public BuildShape shape() {
        return shape;
    }

    public BuildGuard guard() {
        return guard;
    }

    public Program program(int thread) {
        return programs[thread];
    }

    /** The op thread {@code t} runs next. */
    public Op nextOp(long[] s, int t) {
        return programs[t].op(pc(s, t));
    }

    @Override
    public String name() {
        return "td-build[" + guard.id() + "](vcpus=" + shape.vcpus() + ",mem-regions=" + shape.memRegions()
                + ",pages=" + shape.pages() + ",tdcx=" + shape.tdcx() + ",measure=" + shape.measure()
                + ",finalize=" + shape.finalizes() + ",vp-init-tdr=" + shape.vpInitTdr().id() + ")";
    }

    @Override
    public int stateWords() {
        return 1;
    }

    @Override
    public int actorCount() {
        return shape.threads();
    }

    @Override
    public String actorName(int actor) {
        return actor == 0 ? "vm" : "vcpu" + (actor - 1);
    }

    @Override
    public int initialStateCount() {
        return 1;
    }

    @Override
    public void initialState(int index, long[] out) {
        out[0] = 0;
    }

    @Override
    public int maxEnabled() {
        return shape.threads();
    }

    /** KVM locks held by every thread but {@code t}. */
    private int othersHeld(long[] s, int t) {
        int m = 0;
        for (int u = 0; u < programs.length; u++) {
            if (u != t) {
                m |= programs[u].held(pc(s, u));
            }
        }
        return m;
    }

    /** How thread {@code u} holds the TDR now: the mode of the SEAMCALL it is inside, if any. */
    public LockMode tdrHold(long[] s, int u) {
        Op op = nextOp(s, u);
        return op.kind() == OpKind.DONE ? table.tdrMode(op.call()) : LockMode.NONE;
    }

    /**
     * The first module lock that {@code call} by thread {@code t} fails to take in {@code s}, or
     * null when it gets them all. TDVPR locks are per vCPU and only that vCPU's thread takes them.
     */
    public ModuleLock failingLock(long[] s, int t, Seamcall call) {
        for (ModuleLock l : table.locks(call)) {
            if (l.target() != ModuleLock.Target.TDR) {
                continue;
            }
            for (int u = 0; u < programs.length; u++) {
                if (u != t && l.mode().conflictsWith(tdrHold(s, u))) {
                    return l;
                }
            }
        }
        return null;
    }

    /** What KVM does when {@code call} returns BUSY under this guard. */
    public Handling onBusy(Seamcall call) {
        return call == Seamcall.MR_EXTEND ? guard.extendFailure() : call.onBusy();
    }

    /** For a SEAMCALL step that fails: KVM's handling; otherwise null. Hot path: no allocation. */
    public Handling busyHandling(long[] s, int action) {
        Op op = nextOp(s, action);
        if (op.kind() != OpKind.SEAMCALL || failingLock(s, action, op.call()) == null) {
            return null;
        }
        return onBusy(op.call());
    }

    private boolean enabled(long[] s, int t, Op op) {
        return switch (op.kind()) {
            case CREATE_VCPU -> td(s) != UNINITIALIZED;
            case LOCK -> KvmLocks.free(op.lock(), othersHeld(s, t));
            case MAP -> KvmLocks.free(KvmLocks.MMU_READ, othersHeld(s, t));
            case END -> false;
            default -> true;
        };
    }

    @Override
    public int enabledActions(long[] s, int[] out) {
        if (bugged(s)) {
            return 0;
        }
        int n = 0;
        for (int t = 0; t < programs.length; t++) {
            if (enabled(s, t, nextOp(s, t))) {
                out[n++] = t;
            }
        }
        return n;
    }

    @Override
    public int actorOf(int action) {
        return action;
    }

    @Override
    public boolean isFinished(long[] s, int actor) {
        return bugged(s) || nextOp(s, actor).kind() == OpKind.END;
    }

    @Override
    public void next(long[] s, int t, long[] out) {
        out[0] = s[0];
        Program p = programs[t];
        int pc = pc(s, t);
        Op op = p.op(pc);
        switch (op.kind()) {
            case CREATE_VCPU -> {
                if (td(s) == RUNNABLE) {
                    finish(out, t, EXIT_EIO, p);
                    return;
                }
            }
            case CHECK_NOT_RUNNABLE -> {
                if (td(s) == RUNNABLE) {
                    finish(out, t, EXIT_EINVAL, p);
                    return;
                }
            }
            case SEAMCALL -> {
                if (failingLock(s, t, op.call()) != null) {
                    switch (onBusy(op.call())) {
                        case KVM_BUG_ON -> {
                            setBugged(out);
                            finish(out, t, EXIT_BUG, p);
                        }
                        case EBUSY_RETRY -> setPc(out, t, op.retry());
                        case EIO -> finish(out, t, EXIT_EIO, p);
                    }
                    return;
                }
            }
            case DONE -> {
                if (op.call() == Seamcall.MNG_INIT) {
                    setTd(out, INITIALIZED);
                } else if (op.call() == Seamcall.MR_FINALIZE) {
                    setTd(out, RUNNABLE);
                }
            }
            default -> {
            }
        }
        setPc(out, t, pc + 1);
    }

    private static void finish(long[] out, int t, int code, Program p) {
        setExit(out, t, code);
        setPc(out, t, p.end());
    }

    @Override
    public StepLabel describe(long[] before, int t, long[] after) {
        Op op = nextOp(before, t);
        String outcome = "";
        switch (op.kind()) {
            case CREATE_VCPU -> outcome = BuildWords.exit(after, t) == EXIT_EIO ? "-EIO: TD is not INITIALIZED" : "";
            case CHECK_NOT_RUNNABLE -> outcome = BuildWords.exit(after, t) == EXIT_EINVAL ? "-EINVAL" : "not RUNNABLE";
            case SEAMCALL -> {
                ModuleLock l = failingLock(before, t, op.call());
                outcome = l == null ? "locks taken" : l.busyText() + " -> " + onBusy(op.call()).text();
            }
            case DONE -> outcome = "TDX_SUCCESS";
            default -> {
            }
        }
        String text = op.kind() == OpKind.DONE ? op.text() + " completes" : op.text();
        return new StepLabel(text, outcome);
    }

    @Override
    public Map<String, String> fields(long[] s) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("td", switch (td(s)) {
            case UNINITIALIZED -> "UNINITIALIZED";
            case INITIALIZED -> "INITIALIZED";
            default -> "RUNNABLE";
        });
        f.put("vm_bugged", bugged(s) ? "yes" : "no");
        f.put("kvm->lock", owners(s, KvmLocks.KVM_LOCK));
        f.put("slots_lock", owners(s, KvmLocks.SLOTS_LOCK));
        String w = owners(s, KvmLocks.MMU_WRITE);
        String r = owners(s, KvmLocks.MMU_READ);
        f.put("mmu_lock", !w.equals("-") ? "write: " + w : !r.equals("-") ? "read: " + r : "-");
        for (int i = 0; i < shape.vcpus(); i++) {
            f.put("vcpu" + i + "->mutex", owners(s, KvmLocks.vcpuMutex(i)));
        }
        StringBuilder tdr = new StringBuilder();
        for (int u = 0; u < programs.length; u++) {
            LockMode m = tdrHold(s, u);
            if (m != LockMode.NONE) {
                tdr.append(tdr.length() == 0 ? "" : ", ").append(m.shortName()).append(": ").append(actorName(u))
                        .append(" (").append(nextOp(s, u).call().mnemonic()).append(')');
            }
        }
        f.put("TDR", tdr.length() == 0 ? "-" : tdr.toString());
        for (int u = 0; u < programs.length; u++) {
            Op op = nextOp(s, u);
            String next;
            if (op.kind() == OpKind.END) {
                next = switch (BuildWords.exit(s, u)) {
                    case EXIT_EINVAL -> "done (-EINVAL)";
                    case EXIT_EIO -> "done (-EIO)";
                    case EXIT_BUG -> "done (KVM_BUG_ON)";
                    default -> "done";
                };
            } else {
                next = (op.ioctl() == null ? "" : op.ioctl().uapiName() + ": ") + op.text()
                        + (op.kind() == OpKind.DONE ? " completes" : "");
            }
            f.put(actorName(u) + ".next", next);
        }
        return f;
    }

    private String owners(long[] s, int lock) {
        StringBuilder b = new StringBuilder();
        for (int u = 0; u < programs.length; u++) {
            if ((programs[u].held(pc(s, u)) & (1 << lock)) != 0) {
                b.append(b.length() == 0 ? "" : ", ").append(actorName(u));
            }
        }
        return b.length() == 0 ? "-" : b.toString();
    }
}
