package tdxcheck.core.engine;

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
 * @param seenSetBytes   peak bytes of the seen-set alone (fingerprint table, id map or exact store)
 */
public record SearchStats(long distinctStates, long generated, int maxDepth, double seconds, double statesPerSecond,
                          int threads, boolean symmetry, long collisions, long storeBytes, long queued,
                          long seenSetBytes) {

    /** Without the seen-set figure (reported as 0). */
    public SearchStats(long distinctStates, long generated, int maxDepth, double seconds, double statesPerSecond,
                       int threads, boolean symmetry, long collisions, long storeBytes, long queued) {
        this(distinctStates, generated, maxDepth, seconds, statesPerSecond, threads, symmetry, collisions, storeBytes,
                queued, 0);
    }

    /** Peak store bytes per stored state. */
    public double bytesPerState() {
        return distinctStates == 0 ? 0 : (double) storeBytes / distinctStates;
    }

    /** Peak seen-set bytes per stored state. */
    public double seenSetBytesPerState() {
        return distinctStates == 0 ? 0 : (double) seenSetBytes / distinctStates;
    }
}
