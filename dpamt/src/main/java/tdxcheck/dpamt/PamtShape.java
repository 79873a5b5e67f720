package tdxcheck.dpamt;

import tdxcheck.core.spi.ModelException;

/**
 * The threads: thread t maps and unmaps one 4K page of range {@code t % ranges}, {@code rounds}
 * times. Threads stand for independent users of the physical ranges (two TDs whose guest_memfd
 * pages share a 2M range, say): no mmu_lock is common to them, while the refcount and the
 * spinlock are host-global.
 */
public record PamtShape(int threads, int ranges, int rounds, Backing backing, Walk4k walk) {
    public static final int MAX_THREADS = 3;

    public PamtShape {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new ModelException("--users must be from 1 to " + MAX_THREADS + " (got " + threads + ")");
        }
        if (backing == Backing.OTHER_RANGE && ranges < 2) {
            throw new ModelException("--backing other-range needs --ranges 2");
        }
    }

    public int rangeOf(int thread) {
        return thread % ranges;
    }

    /** The range holding range {@code r}'s PAMT pages, or -1 when it is not modelled. */
    public int backingOf(int r) {
        return backing == Backing.OTHER_RANGE ? 1 - r : -1;
    }
}
