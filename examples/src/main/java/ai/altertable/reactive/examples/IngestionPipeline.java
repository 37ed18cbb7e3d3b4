package ai.altertable.reactive.examples;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.BatchSummary;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.rest.RawJson;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

/**
 * An ingestion job: streams an NDJSON file of events into the lakehouse in batched appends, with backpressure (the file
 * is read only as fast as batches are acknowledged), printing progress every second and a summary.
 *
 * <p>Usage: {@code IngestionPipeline [events.ndjson]}. Without a file it writes {@value #GENERATED_ROWS} synthetic
 * events to a temporary file first. It runs against the embedded mock, or against a real Altertable when
 * {@code ALTERTABLE_BASE_URL} and credentials are set (the {@code events} table is created if missing). Each line of
 * the file is one JSON object with the table's columns; it is sent as is ({@link RawJson}), never parsed here.
 *
 * <p>Run it with {@code mvn -B -q -Pdemo -DskipTests verify -pl examples -am
 * -Ddemo.main=ai.altertable.reactive.examples.IngestionPipeline} (and {@code -Ddemo.args=/path/to/events.ndjson}).
 */
public final class IngestionPipeline {

    /** Events written when no file is given. */
    static final int GENERATED_ROWS = 200_000;
    static final TableRef EVENTS = TableRef.of("memory", "main", "events");
    static final String CREATE_TABLE =
            "CREATE TABLE IF NOT EXISTS events (timestamp TIMESTAMP, user_id VARCHAR, event VARCHAR)";

    /** Batches of 5,000 rows (or 1.5 MiB), two in flight: the file is read at most a few batches ahead. */
    static final BatchingOptions BATCHING = BatchingOptions.builder().maxRows(5_000).maxInFlight(2).build();

    private IngestionPipeline() {
    }

    /** Runs the job; see the class description. */
    public static void main(String[] args) throws IOException {
        boolean generated = args.length == 0 || args[0].isBlank();
        Path file = generated
                ? generate(Files.createTempDirectory("altertable-ingest").resolve("events.ndjson"), GENERATED_ROWS)
                : Path.of(args[0]);
        try {
            ingestIntoLakehouse(file);
        } finally {
            if (generated) {
                Files.delete(file);
                Files.delete(file.getParent());
            }
        }
    }

    private static void ingestIntoLakehouse(Path file) throws IOException {
        boolean real = System.getenv(LakehouseClientOptions.ENV_BASE_URL) != null
                && Credentials.presentIn(System.getenv());
        try (AltertableMock mock = real ? null : AltertableMock.start();
             LakehouseClient client = real ? LakehouseClient.create()
                     : LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            System.out.printf("ingesting %s (%,d bytes) into %s at %s%n", file, Files.size(file), EVENTS,
                    client.options().baseUrl());
            client.query(CREATE_TABLE).blockLast();
            run(client, file, BATCHING, Duration.ofSeconds(1), System.out);
        }
    }

    /** Ingests {@code file}, printing progress every {@code every} and a summary to {@code out}. */
    static IngestionProgress run(LakehouseClient client, Path file, BatchingOptions batching, Duration every,
                                 PrintStream out) {
        IngestionProgress progress = new IngestionProgress();
        Disposable ticker = Flux.interval(every, every).subscribe(tick -> out.println(progress.line()));
        try {
            BatchSummary summary = ingest(client, lines(file).doOnNext(row -> progress.read()), batching, progress)
                    .block();
            out.println(progress.line());
            out.printf("done: %,d rows in %,d batches, %,d bytes in %d ms; the file was read at most %,d rows ahead"
                            + " of the lakehouse%n", summary.rows(), summary.batches(), summary.bytes(),
                    summary.elapsed().toMillis(), progress.maxReadAhead());
            return progress;
        } finally {
            ticker.dispose();
        }
    }

    /**
     * The file's lines, read lazily as the subscriber requests them, on a thread where blocking reads are allowed; the
     * file is closed when the stream ends or is cancelled.
     */
    // --8<-- [start:ingest-read]
    static Flux<RawJson> lines(Path file) {
        return Flux.using(() -> Files.lines(file), Flux::fromStream, Stream::close) // one line per request
                .filter(line -> !line.isBlank())
                .map(RawJson::of)                                                   // sent as is, not parsed
                .subscribeOn(Schedulers.boundedElastic());                          // reads off the event loops
    }
    // --8<-- [end:ingest-read]

    /** Appends {@code rows} in batches, reporting each acknowledged batch to {@code progress}. */
    // --8<-- [start:ingest-append]
    static Mono<BatchSummary> ingest(LakehouseClient client, Flux<?> rows, BatchingOptions batching,
                                     IngestionProgress progress) {
        Flux<BatchResult<AppendResponse>> batches = client.appendAll(AppendOptions.of(EVENTS, true), rows, batching)
                .doOnNext(progress::acknowledged);                                  // one result per batch, in order
        return Batcher.summarize(batches);                                          // totals; fails on a failed batch
    }
    // --8<-- [end:ingest-append]

    /** Writes {@code rows} synthetic events, one JSON object per line, and returns {@code file}. */
    static Path generate(Path file, int rows) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                out.write("{\"timestamp\":\"" + now.minusMinutes(i * 7L % (30 * 24 * 60)) + "\",\"user_id\":\"user-"
                        + (i * 7_919 % 5_000) + "\",\"event\":\"" + (i % 3 == 0 ? "purchase" : "page_view") + "\"}");
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
