package ai.altertable.reactive.flight.internal;

import io.grpc.Status;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * A stream of record batches that loads each batch into one reused root, the shape of Arrow's {@code FlightStream}.
 * {@link BatchStream} drives it; tests wrap it to count calls.
 *
 * <p>Threads: {@link #next()} and {@link #close()} are called from one thread at a time (the stream's worker);
 * {@link #cancel()} may be called from any thread at any time, including while {@link #next()} blocks.
 */
public interface RecordBatchSource {

    /** Loads the next batch into {@link #root()}; blocks until it arrives. {@code false} at the end of the stream. */
    boolean next();

    /** Whether the stream has a schema (and so a root); a stream that ended before its schema has none. */
    boolean hasRoot();

    /** The root holding the batch of the last successful {@link #next()}; reused, so valid only until the next call. */
    VectorSchemaRoot root();

    /** Dictionaries of dictionary-encoded fields of {@link #root()}. */
    DictionaryProvider dictionaries();

    /** Cancels the underlying call; {@link #next()} then returns or throws promptly. Never blocks, idempotent. */
    void cancel();

    /**
     * Releases every buffer the stream holds (cancelling first if it has not ended) and its reference to
     * {@link #memory()}; batches handed out keep theirs.
     */
    void close();

    /** The transport status the call ended with, for error mapping; {@code null} when unknown. */
    Status status();

    /** The stream's child allocator, into which batches handed to the subscriber are transferred. */
    StreamMemory memory();
}
