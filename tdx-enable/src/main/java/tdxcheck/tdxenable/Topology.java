package tdxcheck.tdxenable;

import tdxcheck.core.spi.ModelException;

/**
 * CPUs and packages: CPU i is in package {@code i * packages / cpus} (contiguous), so with 3 CPUs
 * and 2 packages CPU 2 is the only CPU of package 1. CPU 0 is the boot CPU: always online, never
 * offlined. CPUs 0 .. startOnline-1 are online at the start, with VMX off and no LP.INIT.
 */
public record Topology(int cpus, int packages, int startOnline) {
    public Topology {
        if (cpus < 2 || cpus > EnableWords.MAX_CPUS) {
            throw new ModelException("--cpus must be 2 or 3 (got " + cpus + ")");
        }
        if (packages < 1 || packages > cpus) {
            throw new ModelException("--packages must be from 1 to --cpus (" + cpus + ") (got " + packages + ")");
        }
        if (startOnline < 1 || startOnline > cpus) {
            throw new ModelException("--start-online must be from 1 to --cpus (" + cpus + ") (got " + startOnline + ")");
        }
    }

    public int packageOf(int cpu) {
        return cpu * packages / cpus;
    }
}
