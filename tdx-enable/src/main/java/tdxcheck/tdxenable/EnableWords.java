package tdxcheck.tdxenable;

/**
 * The packed state: two longs. Word 0 is the machine, word 1 the actors' program counters.
 * <pre>
 * word 0: per CPU i (i &lt; 3), 4 bits from 4i: online, VMX user count (2 bits; 0 = VMX off), LP.INIT done
 *         12 TDX enabled | 13-14 kvm_usage_count | 15 HKIDs configured | 16 KVM cpuhp | 17 TDX cpuhp
 *         18 core cpuhp | 19 /dev/kvm | 20-21 hotplug writer (0 none, 1 pending, 2 holds)
 *         22-23 usage mutex owner (0 none, else actor + 1) | 24-25 load's read holds | 26-27 vm's read holds
 * word 1: 0-7 load pc | 8-15 vm pc | 16-23 hotplug pc + 1 (0 = idle) | 24-25 hotplug CPU
 *         26 hotplug going down | 27 offline refused | 28 TD init failed
 * </pre>
 */
public final class EnableWords {
    public static final int WORDS = 2;
    public static final int MAX_CPUS = 3;

    public static final int WRITER_NONE = 0;
    public static final int WRITER_PENDING = 1;
    public static final int WRITER_HOLDS = 2;

    private EnableWords() {
    }

    static long get(long w, int shift, int bits) {
        return (w >>> shift) & ((1L << bits) - 1);
    }

    static long set(long w, int shift, int bits, long v) {
        long m = ((1L << bits) - 1) << shift;
        return (w & ~m) | ((v << shift) & m);
    }

    public static boolean online(long[] s, int cpu) {
        return get(s[0], 4 * cpu, 1) != 0;
    }

    public static void setOnline(long[] s, int cpu, boolean v) {
        s[0] = set(s[0], 4 * cpu, 1, v ? 1 : 0);
    }

    public static int vmx(long[] s, int cpu) {
        return (int) get(s[0], 4 * cpu + 1, 2);
    }

    public static void setVmx(long[] s, int cpu, int v) {
        s[0] = set(s[0], 4 * cpu + 1, 2, Math.max(0, Math.min(3, v)));
    }

    public static boolean lpInit(long[] s, int cpu) {
        return get(s[0], 4 * cpu + 3, 1) != 0;
    }

    public static void setLpInit(long[] s, int cpu, boolean v) {
        s[0] = set(s[0], 4 * cpu + 3, 1, v ? 1 : 0);
    }

    /** Post-VMXON and TDH.SYS.LP.INIT done: SEAMCALLs other than LP.INIT may run here. */
    public static boolean ready(long[] s, int cpu) {
        return vmx(s, cpu) > 0 && lpInit(s, cpu);
    }

    private static boolean flag(long[] s, int bit) {
        return get(s[0], bit, 1) != 0;
    }

    private static void flag(long[] s, int bit, boolean v) {
        s[0] = set(s[0], bit, 1, v ? 1 : 0);
    }

    public static boolean tdxEnabled(long[] s) {
        return flag(s, 12);
    }

    public static void setTdxEnabled(long[] s, boolean v) {
        flag(s, 12, v);
    }

    public static int usage(long[] s) {
        return (int) get(s[0], 13, 2);
    }

    public static void setUsage(long[] s, int v) {
        s[0] = set(s[0], 13, 2, Math.max(0, Math.min(3, v)));
    }

    public static boolean hkids(long[] s) {
        return flag(s, 15);
    }

    public static void setHkids(long[] s, boolean v) {
        flag(s, 15, v);
    }

    /** Registration of a callback set: bit 16 + ordinal (KVM, TDX, CORE). */
    public static boolean hp(long[] s, int which) {
        return flag(s, 16 + which);
    }

    public static void setHp(long[] s, int which, boolean v) {
        flag(s, 16 + which, v);
    }

    public static boolean devKvm(long[] s) {
        return flag(s, 19);
    }

    public static void setDevKvm(long[] s, boolean v) {
        flag(s, 19, v);
    }

    public static int writer(long[] s) {
        return (int) get(s[0], 20, 2);
    }

    public static void setWriter(long[] s, int v) {
        s[0] = set(s[0], 20, 2, v);
    }

    /** Owner of the usage mutex: -1 none, else the actor. */
    public static int mutexOwner(long[] s) {
        return (int) get(s[0], 22, 2) - 1;
    }

    public static void setMutexOwner(long[] s, int actor) {
        s[0] = set(s[0], 22, 2, actor + 1);
    }

    /** cpus_read_lock holds of actor 0 (load) or 1 (vm). */
    public static int reads(long[] s, int actor) {
        return (int) get(s[0], 24 + 2 * actor, 2);
    }

    public static void setReads(long[] s, int actor, int v) {
        s[0] = set(s[0], 24 + 2 * actor, 2, v);
    }

    public static int pc(long[] s, int actor) {
        return (int) get(s[1], 8 * actor, 8);
    }

    public static void setPc(long[] s, int actor, int pc) {
        s[1] = set(s[1], 8 * actor, 8, pc);
    }

    public static int hpCpu(long[] s) {
        return (int) get(s[1], 24, 2);
    }

    public static boolean hpDown(long[] s) {
        return get(s[1], 26, 1) != 0;
    }

    public static void setHpOp(long[] s, int cpu, boolean down) {
        s[1] = set(set(s[1], 24, 2, cpu), 26, 1, down ? 1 : 0);
    }

    public static boolean refused(long[] s) {
        return get(s[1], 27, 1) != 0;
    }

    public static void setRefused(long[] s, boolean v) {
        s[1] = set(s[1], 27, 1, v ? 1 : 0);
    }

    public static boolean tdFailed(long[] s) {
        return get(s[1], 28, 1) != 0;
    }

    public static void setTdFailed(long[] s, boolean v) {
        s[1] = set(s[1], 28, 1, v ? 1 : 0);
    }
}
