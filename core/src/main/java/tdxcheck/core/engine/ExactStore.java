package tdxcheck.core.engine;

/**
 * The seen-set of exact mode: every state is stored in full, indexed by its fingerprint. Two
 * states with the same fingerprint but different words are both kept (the later one is new) and
 * the event is counted as a collision, so the distinct count is exact whatever the fingerprint
 * quality. Also maps states to ids. Not thread-safe.
 */
public final class ExactStore implements SeenSet {
    private final StateArray states;
    private long[] fps;
    private int[] ids;
    private int capacity;
    private long size;
    private long maxFill;
    private long collisions;

    public ExactStore(int words, long expected) {
        this.states = new StateArray(words);
        allocate(Fingerprint.anyCapacityFor(expected));
    }

    private void allocate(int capacity) {
        fps = new long[capacity];
        ids = new int[capacity];
        this.capacity = capacity;
        maxFill = (long) capacity * 3 / 4;
    }

    /**
     * Looks {@code state} (fingerprint {@code fp}) up; when present returns its id, else stores it
     * under {@code newId} (which must be the number of states stored so far) and returns -1.
     */
    public int findOrAdd(long fp, long[] state, int newId) {
        fp = Fingerprint.nonZero(fp);
        int i = Fingerprint.slotIn(fp, capacity);
        boolean sameFingerprint = false;
        while (true) {
            long v = fps[i];
            if (v == 0) {
                break;
            }
            if (v == fp) {
                int id = ids[i];
                if (states.equalsAt(id, state)) {
                    return id;
                }
                sameFingerprint = true;
            }
            i = Fingerprint.nextSlot(i, capacity);
        }
        if (newId != states.size()) {
            throw new IllegalStateException("exact store: new id " + newId + " but " + states.size() + " stored");
        }
        if (sameFingerprint) {
            collisions++;
        }
        fps[i] = fp;
        ids[i] = newId;
        states.add(state);
        if (++size > maxFill) {
            grow();
        }
        return -1;
    }

    private void grow() {
        long[] oldF = fps;
        int[] oldI = ids;
        allocate(Fingerprint.grownCapacity(oldF.length));
        for (int j = 0; j < oldF.length; j++) {
            long v = oldF[j];
            if (v != 0) {
                int i = Fingerprint.slotIn(v, capacity);
                while (fps[i] != 0) {
                    i = Fingerprint.nextSlot(i, capacity);
                }
                fps[i] = v;
                ids[i] = oldI[j];
            }
        }
    }

    @Override
    public int add(long fp, long[] state, int newId) {
        return findOrAdd(fp, state, newId);
    }

    /** Nothing to prefetch: the probes compare full states, which dominates. */
    @Override
    public long touch(long[] fps, int n) {
        return 0;
    }

    @Override
    public boolean keepsIds() {
        return true;
    }

    /** Copies the state with id {@code id} into {@code out}. */
    public void get(int id, long[] out) {
        states.get(id, out);
    }

    public long size() {
        return size;
    }

    /** New states whose fingerprint equalled that of a different stored state. */
    @Override
    public long collisions() {
        return collisions;
    }

    @Override
    public long bytes() {
        return (long) fps.length * (Long.BYTES + Integer.BYTES) + states.bytes();
    }
}
