package tdxcheck.core.engine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The disk seen-set could not create, write or read its file (a full disk, a missing directory).
 * The search stops and every undecided property is INCONCLUSIVE with this message as the reason
 * ({@link Budget#DISK}): a store that may have lost fingerprints can never give HOLDS.
 */
public final class DiskStoreException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public DiskStoreException(String message, IOException cause) {
        super(message, cause);
    }
}
