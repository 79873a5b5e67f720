package tdxcheck.tdxenable;

import java.util.LinkedHashMap;
import java.util.Map;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.tdxenable.order.EnableOrder;
import tdxcheck.tdxenable.program.Callbacks;
import tdxcheck.tdxenable.program.Effect;
import tdxcheck.tdxenable.program.Op;
import tdxcheck.tdxenable.program.OpKind;
import tdxcheck.tdxenable.program.Program;

import static tdxcheck.tdxenable.EnableWords.*;

/**
 * Seed 002 as a transition system (tdx-facts §7d). Three actors run programs that an
 * {@link EnableOrder} writes: {@code load} (module load, or the subsys initcall then KVM's load;
 * optionally unload and load again), {@code vm} (one VM: KVM_CREATE_VM, TD creation with its
 * HKID, one TDH.VP.ENTER on a CPU it chooses, teardown, destruction) and {@code hotplug} (cpu_up /
 * cpu_down of any non-boot CPU, forever). Locks block: cpus_read_lock waits while a writer is
 * pending or holds the lock (percpu rwsem: a queued writer stops new readers, so a nested read
 * inside a read section deadlocks against it), the writer waits for every reader, and the
 * era's usage mutex is a plain mutex. Action ids: actor * 4 + choice (the CPU for VP.ENTER and
 * for the hotplug operation picked when idle).
 */
public final class EnableModel implements Model {
    public static final int LOAD = 0;
    public static final int VM = 1;
    public static final int HOTPLUG = 2;
    private static final String[] ACTORS = {"load", "vm", "hotplug"};

    private final Topology topo;
    private final EnableOrder order;
    private final boolean vm;
    private final boolean unload;
    private final Program load;
    private final Program vmProg;
    private final Program up;
    private final Program down;

    public EnableModel(Topology topo, EnableOrder order, boolean vm, boolean unload) {
        this.topo = topo;
        this.order = order;
        this.vm = vm;
        this.unload = unload;
        Program.Builder l = Program.builder();
        order.load(l, "l1", false);
        l.op(OpKind.DEV_KVM_UP, "kvm_init: misc_register(/dev/kvm)");
        if (unload) {
            // One step: delete_module() checks the refcount and marks the module GOING at once,
            // so no open(/dev/kvm) slips in between (try_module_get fails on a GOING module).
            l.op(OpKind.WAIT_NO_VM, "rmmod: no VM holds /dev/kvm; module GOING, /dev/kvm closed to new opens");
            order.unload(l, "u1");
            order.load(l, "l2", true);
            l.op(OpKind.DEV_KVM_UP, "kvm_init: misc_register(/dev/kvm)");
        }
        this.load = l.build();
        Program.Builder v = Program.builder();
        if (vm) {
            v.op(OpKind.OPEN_DEV_KVM, "open(/dev/kvm), KVM_CREATE_VM");
            order.usageUp(v, "c");
            v.readLock("tdx_td_init: cpus_read_lock()")
                    .op(OpKind.TD_INIT, "tdx_td_init: TDH.MNG.CREATE, TDH.MNG.KEY.CONFIG on one CPU per package")
                    .readUnlock("tdx_td_init: cpus_read_unlock()")
                    .jumpIf(tdxcheck.tdxenable.program.Cond.TD_FAILED, "destroy")
                    .op(OpKind.VP_ENTER, "TDH.VP.ENTER")
                    .readLock("tdx_mmu_release_hkid: cpus_read_lock()")
                    .op(OpKind.TD_TEARDOWN, "tdx_mmu_release_hkid: TDH.PHYMEM.CACHE.WB, TDH.MNG.KEY.FREEID per package")
                    .readUnlock("tdx_mmu_release_hkid: cpus_read_unlock()")
                    .label("destroy");
            order.usageDown(v, "d");
        }
        this.vmProg = v.build();
        Program.Builder u = Program.builder().op(OpKind.WRITE_ACQUIRE, "cpus_write_lock() acquired")
                .op(OpKind.SET_ONLINE, "set_cpu_online(true)");
        order.online(u, "o");
        this.up = u.op(OpKind.WRITE_RELEASE, "cpus_write_unlock()").build();
        Program.Builder d = Program.builder().op(OpKind.WRITE_ACQUIRE, "cpus_write_lock() acquired");
        order.offline(d, "f");
        d.jumpIf(tdxcheck.tdxenable.program.Cond.REFUSED, "refused")
                .op(OpKind.SET_OFFLINE, "set_cpu_online(false)")
                .label("refused");
        this.down = d.op(OpKind.WRITE_RELEASE, "cpus_write_unlock()").build();
    }

    public Topology topology() {
        return topo;
    }

    public EnableOrder order() {
        return order;
    }

    @Override
    public String name() {
        return "tdx-enable[" + order.id() + "](cpus=" + topo.cpus() + ",packages=" + topo.packages()
                + ",start-online=" + topo.startOnline() + ",vm=" + vm + ",unload=" + unload + ")";
    }

    @Override
    public int stateWords() {
        return WORDS;
    }

    @Override
    public int actorCount() {
        return 3;
    }

    @Override
    public String actorName(int actor) {
        return ACTORS[actor];
    }

    @Override
    public int initialStateCount() {
        return 1;
    }

    @Override
    public void initialState(int index, long[] out) {
        out[0] = 0;
        out[1] = 0;
        for (int c = 0; c < topo.startOnline(); c++) {
            setOnline(out, c, true);
        }
        settle(out, LOAD);
        settle(out, VM);
    }

    @Override
    public int maxEnabled() {
        return 2 + 2 * EnableWords.MAX_CPUS;
    }

    /** The program of {@code actor} in {@code s} (hotplug: the one of its current operation). */
    private Program program(long[] s, int actor) {
        return switch (actor) {
            case LOAD -> load;
            case VM -> vmProg;
            default -> hpDown(s) ? down : up;
        };
    }

    /** The instruction {@code actor} executes next, or null for an idle hotplug. */
    public Op nextOp(long[] s, int actor) {
        if (actor == HOTPLUG) {
            int pc = pc(s, HOTPLUG);
            return pc == 0 ? null : program(s, actor).op(pc - 1);
        }
        return program(s, actor).op(pc(s, actor));
    }

    private boolean enabled(long[] s, int actor, Op op) {
        return switch (op.kind()) {
            case READ_LOCK -> writer(s) == WRITER_NONE;
            case MUTEX_LOCK -> mutexOwner(s) < 0;
            case HP_REGISTER, HP_REMOVE -> !op.ownLock() || writer(s) == WRITER_NONE;
            case OPEN_DEV_KVM -> devKvm(s);
            case WAIT_NO_VM -> !vmHoldsDevKvm(s);
            case WRITE_ACQUIRE -> reads(s, LOAD) + reads(s, VM) == 0;
            case DONE -> false;
            default -> true;
        };
    }

    private boolean vmHoldsDevKvm(long[] s) {
        int pc = pc(s, VM);
        return pc > 0 && vmProg.op(pc).kind() != OpKind.DONE;
    }

    /** Whether a vCPU task can run on {@code cpu}: online, and not inside its own hotplug operation. */
    private boolean schedulable(long[] s, int cpu) {
        return online(s, cpu) && !(pc(s, HOTPLUG) != 0 && hpCpu(s) == cpu && writer(s) == WRITER_HOLDS);
    }

    @Override
    public int enabledActions(long[] s, int[] out) {
        int n = 0;
        Op l = nextOp(s, LOAD);
        if (enabled(s, LOAD, l)) {
            out[n++] = LOAD * 4;
        }
        Op v = nextOp(s, VM);
        if (v.kind() == OpKind.VP_ENTER) {
            for (int c = 0; c < topo.cpus(); c++) {
                if (schedulable(s, c)) {
                    out[n++] = VM * 4 + c;
                }
            }
        } else if (enabled(s, VM, v)) {
            out[n++] = VM * 4;
        }
        Op h = nextOp(s, HOTPLUG);
        if (h == null) {
            for (int k = 1; k < topo.cpus(); k++) {
                out[n++] = HOTPLUG * 4 + k;
            }
        } else if (enabled(s, HOTPLUG, h)) {
            out[n++] = HOTPLUG * 4;
        }
        return n;
    }

    @Override
    public int actorOf(int action) {
        return action >>> 2;
    }

    @Override
    public boolean isFinished(long[] s, int actor) {
        if (actor == HOTPLUG) {
            return pc(s, HOTPLUG) == 0;
        }
        return nextOp(s, actor).kind() == OpKind.DONE;
    }

    @Override
    public void next(long[] s, int action, long[] out) {
        out[0] = s[0];
        out[1] = s[1];
        int actor = action >>> 2;
        int choice = action & 3;
        Op op = nextOp(s, actor);
        if (op == null) {
            setWriter(out, WRITER_PENDING);
            setHpOp(out, choice, online(s, choice));
            setRefused(out, false);
            setPc(out, HOTPLUG, 1);
            settle(out, HOTPLUG);
            return;
        }
        apply(out, actor, op);
        if (op.kind() == OpKind.WRITE_RELEASE) {
            setPc(out, HOTPLUG, 0);
            setRefused(out, false);
            return;
        }
        setPc(out, actor, pc(out, actor) + 1);
        settle(out, actor);
    }

    /** Follows jumps from the actor's pc to its next real instruction. */
    private void settle(long[] s, int actor) {
        int base = actor == HOTPLUG ? 1 : 0;
        Program p = program(s, actor);
        while (true) {
            int pc = pc(s, actor) - base;
            if (pc < 0) {
                return;
            }
            Op op = p.op(pc);
            if (op.kind() == OpKind.JUMP) {
                setPc(s, actor, op.target() + base);
            } else if (op.kind() == OpKind.JUMP_IF) {
                setPc(s, actor, (holds(s, op) ? op.target() : pc + 1) + base);
            } else {
                return;
            }
        }
    }

    private boolean holds(long[] s, Op op) {
        return switch (op.cond()) {
            case USAGE_ZERO -> usage(s) == 0;
            case USAGE_NOT_ZERO -> usage(s) != 0;
            case USAGE_NOT_ONE -> usage(s) != 1;
            case KVM_HP_OFF -> !hp(s, Callbacks.KVM.ordinal());
            case TDX_HP_OFF -> !hp(s, Callbacks.TDX.ordinal());
            case CORE_HP_OFF -> !hp(s, Callbacks.CORE.ordinal());
            case REFUSED -> refused(s);
            case TD_FAILED -> tdFailed(s);
        };
    }

    private void apply(long[] s, int actor, Op op) {
        switch (op.kind()) {
            case READ_LOCK -> setReads(s, actor, reads(s, actor) + 1);
            case READ_UNLOCK -> setReads(s, actor, reads(s, actor) - 1);
            case MUTEX_LOCK -> setMutexOwner(s, actor);
            case MUTEX_UNLOCK -> setMutexOwner(s, -1);
            case USAGE_INC -> setUsage(s, usage(s) + 1);
            case USAGE_DEC -> setUsage(s, usage(s) - 1);
            case EACH_CPU -> eachOnline(s, op.effect());
            case ON_CPU -> effect(s, hpCpu(s), op.effect());
            case HP_REGISTER -> {
                setHp(s, op.hp().ordinal(), true);
                eachOnline(s, op.effect());
            }
            case HP_REMOVE -> {
                setHp(s, op.hp().ordinal(), false);
                eachOnline(s, op.effect());
            }
            case TDX_ENABLE -> setTdxEnabled(s, true);
            case DEV_KVM_UP -> setDevKvm(s, true);
            case WAIT_NO_VM -> setDevKvm(s, false);
            case TD_INIT -> {
                if (everyPackageOnline(s)) {
                    setHkids(s, true);
                } else {
                    setTdFailed(s, true);
                }
            }
            case TD_TEARDOWN -> setHkids(s, false);
            case WRITE_ACQUIRE -> setWriter(s, WRITER_HOLDS);
            case SET_ONLINE -> setOnline(s, hpCpu(s), true);
            case SET_OFFLINE -> setOnline(s, hpCpu(s), false);
            case OFFLINE_CHECK -> setRefused(s, hkids(s) && !otherOnlineInPackage(s, hpCpu(s)));
            case WRITE_RELEASE -> setWriter(s, WRITER_NONE);
            default -> {
            }
        }
    }

    private void eachOnline(long[] s, Effect e) {
        if (e == Effect.NONE) {
            return;
        }
        for (int c = 0; c < topo.cpus(); c++) {
            if (online(s, c)) {
                effect(s, c, e);
            }
        }
    }

    private static void effect(long[] s, int c, Effect e) {
        switch (e) {
            case VMX_ON -> setVmx(s, c, Math.max(1, vmx(s, c)));
            case VMX_OFF -> setVmx(s, c, 0);
            case VMX_GET -> setVmx(s, c, vmx(s, c) + 1);
            case VMX_PUT -> setVmx(s, c, vmx(s, c) - 1);
            case VMX_ON_LP_INIT -> {
                setVmx(s, c, Math.max(1, vmx(s, c)));
                setLpInit(s, c, true);
            }
            case VMX_GET_LP_INIT -> {
                setVmx(s, c, vmx(s, c) + 1);
                setLpInit(s, c, true);
            }
            case LP_INIT -> {
                // TDH.SYS.LP.INIT without VMXON faults: it leaves the CPU uninitialised.
                if (vmx(s, c) > 0) {
                    setLpInit(s, c, true);
                }
            }
            default -> {
            }
        }
    }

    public boolean everyPackageOnline(long[] s) {
        for (int p = 0; p < topo.packages(); p++) {
            if (firstOnline(s, p) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The lowest online CPU of package {@code p} (where for_each_online_cpu sends its SEAMCALL), or -1. */
    public int firstOnline(long[] s, int p) {
        for (int c = 0; c < topo.cpus(); c++) {
            if (topo.packageOf(c) == p && online(s, c)) {
                return c;
            }
        }
        return -1;
    }

    private boolean otherOnlineInPackage(long[] s, int cpu) {
        for (int c = 0; c < topo.cpus(); c++) {
            if (c != cpu && topo.packageOf(c) == topo.packageOf(cpu) && online(s, c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first CPU on which the SEAMCALLs of {@code action} in {@code s} would run unready, or
     * -1: TDH.SYS.LP.INIT needs VMXON; every other SEAMCALL needs VMXON and LP.INIT. Hot path of
     * the no-unready-seamcall check: no allocation.
     */
    public int unreadyCpu(long[] s, int action) {
        int actor = action >>> 2;
        Op op = nextOp(s, actor);
        if (op == null) {
            return -1;
        }
        switch (op.kind()) {
            case EACH_CPU, HP_REGISTER -> {
                if (op.effect().lpInit() && !op.effect().vmxFirst()) {
                    for (int c = 0; c < topo.cpus(); c++) {
                        if (online(s, c) && vmx(s, c) == 0) {
                            return c;
                        }
                    }
                }
                return -1;
            }
            case ON_CPU -> {
                int k = hpCpu(s);
                return op.effect().lpInit() && !op.effect().vmxFirst() && vmx(s, k) == 0 ? k : -1;
            }
            case TDX_ENABLE -> {
                if (tdxEnabled(s)) {
                    return -1; // tdx_enable() returns at once when the module is already initialised
                }
                for (int c = 0; c < topo.cpus(); c++) {
                    if (online(s, c) && !ready(s, c)) {
                        return c;
                    }
                }
                return -1;
            }
            case TD_INIT, TD_TEARDOWN -> {
                if (op.kind() == OpKind.TD_INIT && !everyPackageOnline(s)) {
                    return -1;
                }
                for (int p = 0; p < topo.packages(); p++) {
                    int c = firstOnline(s, p);
                    if (c >= 0 && !ready(s, c)) {
                        return c;
                    }
                }
                return -1;
            }
            case VP_ENTER -> {
                int c = action & 3;
                return ready(s, c) ? -1 : c;
            }
            default -> {
                return -1;
            }
        }
    }

    @Override
    public StepLabel describe(long[] before, int action, long[] after) {
        int actor = action >>> 2;
        int choice = action & 3;
        Op op = nextOp(before, actor);
        if (op == null) {
            String what = online(before, choice) ? "cpu_down" : "cpu_up";
            return new StepLabel(what + "(cpu" + choice + "): cpus_write_lock() requested", "new readers now wait");
        }
        String text = op.text();
        if (actor == HOTPLUG) {
            text = (hpDown(before) ? "cpu_down" : "cpu_up") + "(cpu" + hpCpu(before) + "): " + text;
        }
        if (op.kind() == OpKind.VP_ENTER) {
            text = text + " on cpu" + choice;
        }
        int bad = unreadyCpu(before, action);
        String outcome;
        if (bad >= 0) {
            outcome = "SEAMCALL on cpu" + bad + (vmx(before, bad) == 0 ? " without VMXON" : " without LP.INIT");
        } else {
            outcome = switch (op.kind()) {
                case OFFLINE_CHECK -> refused(after) ? "-EBUSY: last online CPU of package "
                        + topo.packageOf(hpCpu(before)) + " while HKIDs are configured" : "0";
                case TD_INIT -> tdFailed(after) ? "-EIO: a package has no online CPU" : "HKID configured";
                case TDX_ENABLE -> tdxEnabled(before) ? "0 (already initialised)" : "TDX module initialised";
                case WRITE_RELEASE -> refused(before) ? "cpu_down fails with -EBUSY" : "";
                case VP_ENTER -> "TDX_SUCCESS";
                default -> "";
            };
        }
        return new StepLabel(text, outcome);
    }

    @Override
    public Map<String, String> fields(long[] s) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int c = 0; c < topo.cpus(); c++) {
            String v;
            if (!online(s, c)) {
                v = "offline";
            } else {
                v = "online";
            }
            int x = vmx(s, c);
            v += x == 0 ? ", VMX off" : x == 1 ? ", VMXON" : ", VMXON (" + x + " users)";
            v += lpInit(s, c) ? ", LP.INIT" : ", no LP.INIT";
            f.put("cpu" + c + " (pkg" + topo.packageOf(c) + ")", v);
        }
        f.put("tdx", tdxEnabled(s) ? "enabled" : "not enabled");
        f.put("kvm_usage_count", Integer.toString(usage(s)));
        f.put("hkid", hkids(s) ? "configured" : "none");
        StringBuilder hp = new StringBuilder();
        for (Callbacks cb : Callbacks.values()) {
            if (hp(s, cb.ordinal())) {
                hp.append(hp.length() == 0 ? "" : ", ").append(cb.cpuhpName());
            }
        }
        f.put("cpuhp", hp.length() == 0 ? "-" : hp.toString());
        f.put("/dev/kvm", devKvm(s) ? "yes" : "no");
        f.put("cpu_hotplug_lock", hotplugLock(s));
        int m = mutexOwner(s);
        f.put(order.usageMutex(), m < 0 ? "free" : ACTORS[m]);
        for (int a = 0; a < 3; a++) {
            Op op = nextOp(s, a);
            f.put(ACTORS[a] + ".next", op == null ? "idle" : op.kind() == OpKind.DONE ? "done" : op.text());
        }
        return f;
    }

    private static String hotplugLock(long[] s) {
        StringBuilder b = new StringBuilder();
        for (int a = 0; a < 2; a++) {
            int r = reads(s, a);
            if (r > 0) {
                b.append(b.length() == 0 ? "read: " : ", ").append(ACTORS[a]).append(r > 1 ? " x" + r : "");
            }
        }
        int w = writer(s);
        if (w == WRITER_HOLDS) {
            b.append(b.length() == 0 ? "" : "; ").append("write: hotplug");
        } else if (w == WRITER_PENDING) {
            b.append(b.length() == 0 ? "" : "; ").append("writer pending: hotplug");
        }
        return b.length() == 0 ? "free" : b.toString();
    }
}
