package tdxcheck.app.bench;

import java.util.List;
import java.util.Map;

/**
 * The measured figures of one {@link BenchCase}: counts from the last repetition (they are the
 * same in every repetition, the bench checks it), times as the median over the repetitions.
 *
 * @param benchCase          the run
 * @param threads            threads the search really used (liveness runs keep the graph on one)
 * @param symmetry           whether symmetry reduction was in effect
 * @param distinctStates     distinct states stored
 * @param generated          transitions generated
 * @param maxDepth           deepest BFS level
 * @param seconds            median wall-clock seconds of the whole check (search plus liveness)
 * @param searchSeconds      median seconds of the search alone
 * @param repetitionSeconds  wall-clock seconds of every measured repetition
 * @param seenSetBytes       peak bytes of the seen-set (fingerprint table or fingerprint-to-id map)
 * @param storeBytes         peak bytes of the seen-set plus the per-state parent and action arrays
 * @param graphBytes         bytes of the kept state graph (liveness runs, else 0)
 * @param peakHeapBytes      median peak JVM heap use during a repetition
 * @param verdicts           property id to verdict
 * @param noSymmetryStates   distinct states with symmetry off (-1 when not measured)
 * @param noSymmetrySeconds  seconds of that run (-1 when not measured)
 * @param graphStates        states of the kept graph (the search's, or the hw search's for fairness hw; 0: none)
 * @param graphStoreBytes    peak store bytes of the search that built that graph
 */
public record BenchResult(BenchCase benchCase, int threads, boolean symmetry, long distinctStates, long generated,
                          int maxDepth, double seconds, double searchSeconds, List<Double> repetitionSeconds,
                          long seenSetBytes, long storeBytes, long graphBytes, long peakHeapBytes,
                          Map<String, String> verdicts, long noSymmetryStates, double noSymmetrySeconds,
                          long graphStates, long graphStoreBytes) {

    public BenchResult {
        repetitionSeconds = List.copyOf(repetitionSeconds);
        verdicts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(verdicts));
    }

    /** Distinct states per second of wall-clock time. */
    public double statesPerSecond() {
        return seconds > 0 ? distinctStates / seconds : 0;
    }

    /** Seen-set bytes per stored state. */
    public double bytesPerState() {
        return distinctStates == 0 ? 0 : (double) seenSetBytes / distinctStates;
    }

    /** Seen-set plus parent pointers per stored state. */
    public double storeBytesPerState() {
        return distinctStates == 0 ? 0 : (double) storeBytes / distinctStates;
    }

    /**
     * Liveness runs: the kept graph plus the store of the search that built it (fingerprint-to-id
     * map, parent and action arrays) per state of that graph; 0 for a run that kept no graph. For
     * fairness hw that is the hw search (the model with momentary windows, more states than the
     * plain search), not the plain one.
     */
    public double livenessBytesPerState() {
        return graphBytes == 0 || graphStates == 0 ? 0 : (double) (graphBytes + graphStoreBytes) / graphStates;
    }

    /** States without symmetry over states with it (0 when not measured). */
    public double symmetryFactor() {
        return noSymmetryStates > 0 && distinctStates > 0 ? (double) noSymmetryStates / distinctStates : 0;
    }
}
