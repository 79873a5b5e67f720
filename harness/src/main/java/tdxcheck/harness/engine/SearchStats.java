package tdxcheck.harness.engine;

/**
 * Statistics of a search (also the progress snapshot).
 *
 * @param distinctStates states stored (ids assigned)
 * @param generated      transitions generated (successors computed)
 * @param maxDepth       deepest state reached (BFS: its shortest distance)
 * @param seconds        wall-clock time
 * @param statesPerSecond distinct states per second
 * @param threads        threads the search really used
 * @param symmetry       whether symmetry reduction was in effect
 * @param collisions     fingerprint collisions detected (exact mode; 0 otherwise)
 * @param storeBytes     peak bytes of the state store (seen-set plus per-state parent/action arrays)
 * @param queued         states waiting to be expanded (frontier or stack) at the time of the snapshot
 */
public record SearchStats(long distinctStates, long generated, int maxDepth, double seconds, double statesPerSecond,
                          int threads, boolean symmetry, long collisions, long storeBytes, long queued) {

    /** Peak store bytes per stored state. */
    public double bytesPerState() {
        return distinctStates == 0 ? 0 : (double) storeBytes / distinctStates;
    }
}
