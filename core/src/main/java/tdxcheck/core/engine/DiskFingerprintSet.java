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
 * emptied. A lookup that misses the table binary-searches one block of the file, which is mapped
 * into memory (served by the page cache while the file fits in RAM, no system call). Exactly the same set
 * semantics as {@link FingerprintSet}, so ids, counts and verdicts do not change; only slower.
 * Single-threaded. The file is deleted by {@link #close}.
 */
public final class DiskFingerprintSet implements SeenSet {
    /** Fingerprints per block of the file (8 KiB). */
    static final int BLOCK = 1024;
    /** Fingerprints per mapping of the file, a power of two and a multiple of {@link #BLOCK}. */
    private static final int MAP_SHIFT = 27;
    private static final long MAP_MASK = (1L << MAP_SHIFT) - 1;

    private final Path file;
    /** The directory this set made for itself ({@link #adopt}), deleted with the file; else null. */
    private final Path ownDir;
    private final long maxTableSlots;
    private long[] table;
    private int capacity;
    private long inTable;
    private long maxFill;

    /** Sorted (signed order) fingerprints on disk, and the first fingerprint of every block. */
    private long onDisk;
    private long[] index = new long[0];
    private FileChannel channel;
    /** The file mapped into memory, {@value #MAP_SHIFT} bits of fingerprints per mapping (1 GiB). */
    private LongBuffer[] maps = new LongBuffer[0];
    private long flushes;

    /**
     * @param dir           where the fingerprint file goes (created if missing)
     * @param expected      states expected (sizes the first table)
     * @param maxTableSlots cap on the in-memory table (it flushes to disk before growing past it)
     */
    public DiskFingerprintSet(Path dir, long expected, long maxTableSlots) {
        this(dir, expected, maxTableSlots, null);
    }

    private DiskFingerprintSet(Path dir, long expected, long maxTableSlots, Path ownDir) {
        this.ownDir = ownDir;
        try {
            Files.createDirectories(dir);
            this.file = Files.createTempFile(dir, "tdxcheck-fingerprints-", ".bin");
        } catch (IOException e) {
            throw new DiskStoreException("cannot create the disk seen-set in " + dir + ": " + e.getMessage(), e);
        }
        this.maxTableSlots = Math.max(1024, Math.min(maxTableSlots, Fingerprint.MAX_CAPACITY));
        allocate((int) Math.min(this.maxTableSlots, Fingerprint.compactCapacityFor(expected)));
    }

    /**
     * The automatic switch to disk ({@link AutoDisk}): a set in a new temporary directory under
     * {@code parent} that holds the fingerprints of {@code table} (an in-memory set's table, 0 =
     * empty; sorted in place and written out as the file, so the switch allocates no second copy),
     * then continues with an in-memory table of {@code slots} slots (the emptied {@code table}
     * itself when it has that many). The directory and the file
     * are deleted by {@link #close}, and at once if the switch fails.
     */
    static DiskFingerprintSet adopt(Path parent, long[] table, int slots, long maxTableSlots) {
        Path dir;
        try {
            Files.createDirectories(parent);
            dir = Files.createTempDirectory(parent, "tdxcheck-disk-");
        } catch (IOException e) {
            throw new DiskStoreException("cannot create a directory for the disk seen-set in " + parent + ": "
                    + e.getMessage(), e);
        }
        DiskFingerprintSet d = new DiskFingerprintSet(dir, 0, maxTableSlots, dir);
        try {
            long n = 0;
            for (long v : table) {
                if (v != 0) {
                    n++;
                }
            }
            d.table = table;
            d.capacity = table.length;
            d.inTable = n;
            d.flush();
            int cap = (int) Math.max(1024, Math.min(d.maxTableSlots, slots));
            if (cap != table.length) {
                d.allocate(cap);
            } else {
                d.maxFill = Fingerprint.compactMaxFill(cap); // the emptied table goes on as the in-memory one
            }
            return d;
        } catch (RuntimeException | Error e) {
            d.close();
            throw e;
        }
    }

    /** Where the fingerprint file is. */
    public Path file() {
        return file;
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
            throw new DiskStoreException("disk seen-set: cannot write " + tmp + ": " + e.getMessage(), e);
        }
        try {
            if (channel != null) {
                channel.close();
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            channel = FileChannel.open(file, StandardOpenOption.READ);
            int nMaps = (int) ((total + MAP_MASK) >>> MAP_SHIFT);
            LongBuffer[] m = new LongBuffer[nMaps];
            for (int i = 0; i < nMaps; i++) {
                long first = (long) i << MAP_SHIFT;
                long len = Math.min(1L << MAP_SHIFT, total - first);
                m[i] = channel.map(FileChannel.MapMode.READ_ONLY, first * Long.BYTES, len * Long.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
            }
            maps = m;
        } catch (IOException e) {
            throw new DiskStoreException("disk seen-set: cannot replace " + file + ": " + e.getMessage(), e);
        }
        onDisk = total;
        index = newIndex;
        flushes++;
        Arrays.fill(t, 0L);
        inTable = 0;
    }

    /** Whether {@code fp} is in the file: the index gives its block, a binary search in the mapped file. */
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
        // binary search in block lo of the mapped file (the page cache serves it; no system call)
        long a = (long) lo * BLOCK;
        long b = Math.min(a + BLOCK, onDisk) - 1;
        LongBuffer[] m = maps;
        while (a <= b) {
            long mid = (a + b) >>> 1;
            long v = m[(int) (mid >>> MAP_SHIFT)].get((int) (mid & MAP_MASK));
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
        maps = new LongBuffer[0];
        try {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        } catch (IOException e) {
            // closing a read-only channel: nothing to lose
        }
        delete(file);
        delete(file.resolveSibling(file.getFileName() + ".merge"));
        if (ownDir != null) {
            delete(ownDir);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover temp file is harmless; the verdicts stand
        }
    }
}
