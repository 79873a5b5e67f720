package tdxcheck.core.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A seen-set that goes past the heap, in the manner of TLC's disk fingerprint sets: recent
 * fingerprints in a compact in-memory table (like {@link FingerprintSet}); when the heap runs
 * short (or the table reaches its cap), the table is sorted and merged into one sorted file of
 * fingerprints on disk, with a sparse in-memory index of every {@value #BLOCK}th entry, and
 * emptied. A lookup that misses the table reads one block of the file (one positional read, served
 * by the page cache while the file fits in RAM) and binary-searches it. Exactly the same set
 * semantics as {@link FingerprintSet}, so ids, counts and verdicts do not change; only slower.
 * Single-threaded. The file is deleted by {@link #close}.
 */
public final class DiskFingerprintSet implements SeenSet {
    /** Fingerprints per block of the file (8 KiB). */
    static final int BLOCK = 1024;

    private final Path file;
    private final long maxTableSlots;
    private long[] table;
    private int capacity;
    private long inTable;
    private long maxFill;

    /** Sorted (signed order) fingerprints on disk, and the first fingerprint of every block. */
    private long onDisk;
    private long[] index = new long[0];
    private FileChannel channel;
    private final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final LongBuffer blockLongs = block.asLongBuffer();
    private long cachedBlock = -1;
    private int cachedLength;
    private long flushes;

    /**
     * @param dir           where the fingerprint file goes (created if missing)
     * @param expected      states expected (sizes the first table)
     * @param maxTableSlots cap on the in-memory table (it flushes to disk before growing past it)
     */
    public DiskFingerprintSet(Path dir, long expected, long maxTableSlots) {
        try {
            Files.createDirectories(dir);
            this.file = Files.createTempFile(dir, "tdxcheck-fingerprints-", ".bin");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the disk seen-set in " + dir + ": " + e.getMessage(), e);
        }
        this.maxTableSlots = Math.max(1024, Math.min(maxTableSlots, Fingerprint.MAX_CAPACITY));
        allocate((int) Math.min(this.maxTableSlots, Fingerprint.compactCapacityFor(expected)));
    }

    private void allocate(int cap) {
        table = new long[cap];
        capacity = cap;
        maxFill = Fingerprint.compactMaxFill(cap);
    }

    @Override
    public int add(long fp, long[] state, int newId) {
        fp = Fingerprint.nonZero(fp);
        long[] t = table;
        int c = capacity;
        int i = Fingerprint.slotIn(fp, c);
        while (true) {
            long v = t[i];
            if (v == fp) {
                return SEEN;
            }
            if (v == 0) {
                break;
            }
            i = Fingerprint.nextSlot(i, c);
        }
        if (onDisk > 0 && onDisk(fp)) {
            return SEEN;
        }
        t[i] = fp;
        if (++inTable > maxFill) {
            growOrFlush();
        }
        return NEW;
    }

    @Override
    public long touch(long[] fps, int n) {
        return Fingerprint.touchHomeSlots(table, capacity, fps, n);
    }

    /** Grows the table while the heap has room for the rehash, else spills it to disk. */
    private void growOrFlush() {
        int next = Fingerprint.compactGrown(capacity);
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long need = (long) next * Long.BYTES * 2; // old and new table during the rehash
        if (next <= maxTableSlots && used + need < rt.maxMemory() * 7 / 10) {
            long[] old = table;
            allocate(next);
            Fingerprint.rehashAny(old, table);
        } else {
            flush();
        }
    }

    /** Sorts the table into the file (a merge with what is there) and empties the table. */
    private void flush() {
        long[] t = table;
        int n = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] != 0) {
                t[n++] = t[i];
            }
        }
        Arrays.sort(t, 0, n);
        Path tmp = file.resolveSibling(file.getFileName() + ".merge");
        long total = onDisk + n;
        long[] newIndex = new long[(int) ((total + BLOCK - 1) / BLOCK)];
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer ob = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer ib = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            ib.limit(0);
            long readPos = 0;
            long fromDisk = 0;
            int fromTable = 0;
            long written = 0;
            while (fromDisk < onDisk || fromTable < n) {
                long v;
                if (fromDisk < onDisk) {
                    if (ib.remaining() < Long.BYTES) {
                        ib.clear();
                        long left = (onDisk - fromDisk) * Long.BYTES;
                        if (left < ib.capacity()) {
                            ib.limit((int) left);
                        }
                        while (ib.hasRemaining()) {
                            int r = channel.read(ib, readPos);
                            if (r < 0) {
                                throw new IOException("fingerprint file shorter than expected");
                            }
                            readPos += r;
                        }
                        ib.flip();
                    }
                    long d = ib.getLong(ib.position());
                    if (fromTable < n && t[fromTable] < d) {
                        v = t[fromTable++];
                    } else {
                        v = d;
                        ib.position(ib.position() + Long.BYTES);
                        fromDisk++;
                    }
                } else {
                    v = t[fromTable++];
                }
                if (written % BLOCK == 0) {
                    newIndex[(int) (written / BLOCK)] = v;
                }
                ob.putLong(v);
                written++;
                if (!ob.hasRemaining()) {
                    ob.flip();
                    while (ob.hasRemaining()) {
                        out.write(ob);
                    }
                    ob.clear();
                }
            }
            ob.flip();
            while (ob.hasRemaining()) {
                out.write(ob);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("disk seen-set: cannot write " + tmp + ": " + e.getMessage(), e);
        }
        try {
            if (channel != null) {
                channel.close();
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("disk seen-set: cannot replace " + file + ": " + e.getMessage(), e);
        }
        onDisk = total;
        index = newIndex;
        cachedBlock = -1;
        flushes++;
        Arrays.fill(t, 0L);
        inTable = 0;
    }

    /** Whether {@code fp} is in the file: the index gives its block, one read, a binary search. */
    private boolean onDisk(long fp) {
        int lo = 0;
        int hi = index.length - 1;
        if (fp < index[0]) {
            return false;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (index[mid] <= fp) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo != cachedBlock) {
            readBlock(lo);
        }
        int a = 0;
        int b = cachedLength - 1;
        LongBuffer lb = blockLongs;
        while (a <= b) {
            int mid = (a + b) >>> 1;
            long v = lb.get(mid);
            if (v == fp) {
                return true;
            }
            if (v < fp) {
                a = mid + 1;
            } else {
                b = mid - 1;
            }
        }
        return false;
    }

    private void readBlock(int b) {
        long first = (long) b * BLOCK;
        int len = (int) Math.min(BLOCK, onDisk - first);
        ByteBuffer buf = block;
        buf.clear();
        buf.limit(len * Long.BYTES);
        try {
            long pos = first * Long.BYTES;
            while (buf.hasRemaining()) {
                int r = channel.read(buf, pos);
                if (r < 0) {
                    throw new IOException("unexpected end of file");
                }
                pos += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("disk seen-set: cannot read " + file + ": " + e.getMessage(), e);
        }
        cachedBlock = b;
        cachedLength = len;
    }

    /** Heap bytes: the table and the index (the file is on disk, {@link #diskBytes}). */
    @Override
    public long bytes() {
        return (long) table.length * Long.BYTES + (long) index.length * Long.BYTES;
    }

    /** Bytes of the fingerprint file. */
    public long diskBytes() {
        return onDisk * Long.BYTES;
    }

    /** How many times the table was merged into the file. */
    public long flushes() {
        return flushes;
    }

    public long size() {
        return onDisk + inTable;
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".merge"));
        } catch (IOException e) {
            // a leftover temp file is harmless; the verdicts stand
        }
    }
}
