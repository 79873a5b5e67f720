package tdxcheck.model.tdx;

import java.util.Map;
import tdxcheck.model.spi.Model;
import tdxcheck.model.spi.StepLabel;

/**
 * The TDX module + KVM model over packed states ({@link TdxWords}). Actions: actor * 2 + choice;
 * choice 0 is the actor's next step, choice 1 the vCPU's alternative (the kick IPI exit in the
 * guest, or a pending event breaking the local retry loop). Once KVM_BUG_ON fires or the guest
 * panics, the VM is dead: no actor moves and every actor counts as finished.
 */
public final class TdxModel implements Model {
    private final TdxConfig c;
    /** For symmetry: symClass[v] = the lowest vCPU index identical to v. */
    private final int[] symClass;
    private final boolean symmetric;

    public TdxModel(TdxConfig config) {
        this.c = config;
        this.symClass = new int[config.vcpus()];
        boolean any = false;
        for (int v = 0; v < config.vcpus(); v++) {
            symClass[v] = v;
            for (int u = 0; u < v; u++) {
                if (config.identical(u, v)) {
                    symClass[v] = symClass[u];
                    any = true;
                    break;
                }
            }
        }
        this.symmetric = any;
    }

    public TdxConfig config() {
        return c;
    }

    @Override
    public String name() {
        return c.scenario();
    }

    @Override
    public int stateWords() {
        return TdxWords.words(c.vcpus());
    }

    @Override
    public int actorCount() {
        return c.actorCount();
    }

    @Override
    public String actorName(int actor) {
        return c.actorName(actor);
    }

    @Override
    public int initialStateCount() {
        return 1;
    }

    @Override
    public void initialState(int index, long[] out) {
        java.util.Arrays.fill(out, 0L);
        boolean anyPresent = false;
        for (int g = 0; g < c.gpas(); g++) {
            GpaInit init = c.gpaInits().get(g);
            if (init != GpaInit.UNMAPPED) {
                anyPresent = true;
                TdxWords.setSpte(out, g, Spte.PRESENT);
                TdxWords.setSept(out, g, init == GpaInit.PENDING ? SeptState.PENDING : SeptState.MAPPED);
            }
        }
        TdxWords.setNonLeaf(out, anyPresent || c.nonLeafPresent() ? Spte.PRESENT : Spte.NONE);
        TdxWords.setZapPc(out, c.hasZap() ? ZapPc.IDLE : ZapPc.DONE);
        for (int v = 0; v < c.vcpus(); v++) {
            VcpuInit vi = c.vcpuInits().get(v);
            TdxWords.setPc(out, v, VcpuPc.RUN);
            TdxWords.setZeroStepCount(out, v, vi.zeroStepCount());
            TdxWords.setZeroStepGpas(out, v, vi.zeroStepGpas());
        }
    }

    @Override
    public int maxEnabled() {
        return 2 * c.actorCount();
    }

    @Override
    public int actorOf(int action) {
        return action >> 1;
    }

    private boolean dead(long[] s) {
        return TdxWords.bugged(s) || TdxWords.guestPanicked(s);
    }

    @Override
    public int enabledActions(long[] s, int[] out) {
        if (dead(s)) {
            return 0;
        }
        int n = 0;
        int vcpus = c.vcpus();
        for (int v = 0; v < vcpus; v++) {
            int pc = TdxWords.pc(s, v);
            switch (pc) {
                case VcpuPc.RUN -> {
                    if (!TdxWords.waitForSeptZap(s)) {
                        out[n++] = 2 * v;
                    }
                }
                case VcpuPc.GUEST -> {
                    if (TdxWords.kickPending(s, v)) {
                        out[n++] = 2 * v + 1;
                    }
                }
                case VcpuPc.FAULT -> {
                    if (MmuLock.readAvailable(c, s)) {
                        out[n++] = 2 * v;
                    }
                }
                case VcpuPc.FAULT_RETRY -> {
                    if (MmuLock.readAvailable(c, s)) {
                        out[n++] = 2 * v;
                    }
                    if (c.pendingEvents()) {
                        out[n++] = 2 * v + 1;
                    }
                }
                case VcpuPc.ACCEPT, VcpuPc.DONE -> {
                }
                default -> out[n++] = 2 * v;
            }
        }
        for (int v = 0; v < vcpus; v++) {
            int pc = TdxWords.pc(s, v);
            if (pc == VcpuPc.GUEST || pc == VcpuPc.ACCEPT) {
                out[n++] = 2 * (vcpus + v);
            }
        }
        if (c.hasZap() && zapEnabled(s)) {
            out[n++] = 2 * c.zapActor();
        }
        return n;
    }

    private boolean zapEnabled(long[] s) {
        return switch (TdxWords.zapPc(s)) {
            case ZapPc.DONE -> false;
            case ZapPc.WAIT_WRITE -> !MmuLock.hasReaders(c, s);
            case ZapPc.BLOCK, ZapPc.TRACK, ZapPc.REMOVE -> Kick.allAcknowledged(c, s);
            default -> true;
        };
    }

    @Override
    public void next(long[] s, int action, long[] out) {
        System.arraycopy(s, 0, out, 0, s.length);
        step(out, action); // no canonicalisation here: the engine applies the symmetry hook when enabled
    }

    /** Applies {@code action} to {@code s} in place and returns what the step returned. */
    Outcome step(long[] s, int action) {
        int actor = action >> 1;
        int vcpus = c.vcpus();
        if (actor < vcpus) {
            return vcpuStep(s, actor, (action & 1) == 1);
        } else if (actor < 2 * vcpus) {
            int v = actor - vcpus;
            return TdxWords.pc(s, v) == VcpuPc.ACCEPT ? GuestRun.acceptComplete(c, s, v) : GuestRun.step(c, s, v);
        }
        return zapStep(s);
    }

    private Outcome vcpuStep(long[] s, int v, boolean alt) {
        int pc = TdxWords.pc(s, v);
        if (alt) {
            return pc == VcpuPc.GUEST ? GuestRun.kickExit(s, v) : FaultPath.breakOnPendingEvent(s, v);
        }
        return switch (pc) {
            case VcpuPc.RUN -> VpEnter.acquire(c, s, v);
            case VcpuPc.ENTER -> VpEnter.complete(c, s, v);
            case VcpuPc.FAULT, VcpuPc.FAULT_RETRY -> FaultPath.attempt(c, s, v);
            case VcpuPc.ADD_FROZEN -> FaultPath.septAdd(c, s, v);
            case VcpuPc.ADD_HELD -> SeptAdd.complete(c, s, v);
            case VcpuPc.LEAF -> FaultPath.leaf(c, s, v);
            case VcpuPc.AUG_FROZEN -> FaultPath.pageAug(c, s, v);
            case VcpuPc.AUG_HELD -> PageAug.complete(c, s, v);
            default -> throw new IllegalStateException("vcpu" + v + " has no step at " + VcpuPc.name(pc));
        };
    }

    private Outcome zapStep(long[] s) {
        return switch (TdxWords.zapPc(s)) {
            case ZapPc.IDLE -> ZapPath.writeLock(c, s);
            case ZapPc.WAIT_WRITE -> ZapPath.locked(c, s);
            case ZapPc.PRE_KICK -> {
                ZapPath.noVcpusEnterStart(c, s, ZapPc.BLOCK);
                yield Outcome.NONE;
            }
            case ZapPc.BLOCK -> RangeBlock.acquire(c, s);
            case ZapPc.BLOCK_HELD -> ZapPath.complete(c, s, RangeBlock.complete(c, s), ZapPc.TRACK);
            case ZapPc.TRACK -> MemTrack.acquire(c, s);
            case ZapPc.TRACK_HELD -> ZapPath.complete(c, s, MemTrack.complete(c, s), ZapPc.TRACK_KICK);
            case ZapPc.TRACK_KICK -> {
                Kick.kickAll(c, s);
                TdxWords.setZapPc(s, ZapPc.REMOVE);
                yield Outcome.NONE;
            }
            case ZapPc.REMOVE -> PageRemove.acquire(c, s);
            case ZapPc.REMOVE_HELD -> ZapPath.complete(c, s, PageRemove.complete(c, s), ZapPc.UNLOCK);
            case ZapPc.RETRY_KICK -> ZapPath.retryKick(c, s);
            case ZapPc.UNLOCK -> ZapPath.unlock(c, s);
            default -> throw new IllegalStateException("zap has no step at " + ZapPc.name(TdxWords.zapPc(s)));
        };
    }

    @Override
    public boolean isFinished(long[] s, int actor) {
        if (dead(s)) {
            return true;
        }
        int vcpus = c.vcpus();
        if (actor < 2 * vcpus) {
            return TdxWords.pc(s, actor % vcpus) == VcpuPc.DONE;
        }
        return TdxWords.zapPc(s) == ZapPc.DONE;
    }

    @Override
    public boolean hasSymmetry() {
        return symmetric;
    }

    /** Sorts the records of identical vCPUs (same script, same initial state): insertion sort, no allocation. */
    @Override
    public void canonicalize(long[] s) {
        if (!symmetric) {
            return;
        }
        int vcpus = c.vcpus();
        for (int i = 1; i < vcpus; i++) {
            int rec = TdxWords.vcpuRecord(s, i);
            int j = i - 1;
            while (j >= 0 && symClass[j] == symClass[i]
                    && Integer.compareUnsigned(TdxWords.vcpuRecord(s, j), rec) > 0) {
                TdxWords.setVcpuRecord(s, j + 1, TdxWords.vcpuRecord(s, j));
                j--;
            }
            TdxWords.setVcpuRecord(s, j + 1, rec);
        }
    }

    @Override
    public StepLabel describe(long[] before, int action, long[] after) {
        long[] scratch = before.clone();
        Outcome o = step(scratch, action);
        String text = TdxLabels.action(c, before, action);
        String outcome = o.label();
        if (TdxWords.bugged(scratch) && !TdxWords.bugged(before)) {
            outcome = outcome + " => KVM_BUG_ON";
        } else if (TdxWords.guestPanicked(scratch) && !TdxWords.guestPanicked(before)) {
            outcome = outcome + " => guest panic";
        } else if (o == Outcome.BUSY_SEPT_TREE || o == Outcome.BUSY_RCX) {
            int actor = action >> 1;
            if (actor < c.vcpus()) {
                outcome = outcome + " => RET_PF_RETRY (-EBUSY)";
            }
        }
        return new StepLabel(text, outcome);
    }

    @Override
    public Map<String, String> fields(long[] s) {
        return TdxLabels.fields(c, s);
    }

    /** For tests and the trace printer: the outcome of applying {@code action}, without canonicalising. */
    public Outcome outcomeOf(long[] s, int action) {
        return step(s.clone(), action);
    }
}
