package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.internal.db.CatalogSelection;
import ai.altertable.reactive.mock.internal.db.StreamingErrors;
import ai.altertable.reactive.mock.internal.encode.ResultEncoder;
import ai.altertable.reactive.mock.internal.encode.RowJsonFactory;
import ai.altertable.reactive.mock.internal.encode.UnencodableValueException;
import ai.altertable.reactive.mock.internal.encode.QueryFileExport;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * {@code POST /query} with {@code format} {@code csv}, {@code jsonl} or {@code parquet} (protocol §5.5, mock only): the
 * result is written to a temporary file by DuckDB, then streamed from disk in chunks and deleted. As the official mock
 * answers: a failing query is {@code 500} with the format's own content type and the error text of the default format
 * (stage prefix included) as a plain-text body; a value that cannot be encoded is {@code 500 text/plain}.
 */
final class QueryExport {

    private static final int CHUNK = 64 * 1024;

    private final Scheduler scheduler;

    QueryExport(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    static String contentType(String format) {
        switch (format) {
            case "csv": return "text/csv";
            case "jsonl": return Replies.NDJSON;
            default: return "application/parquet";
        }
    }

    Mono<Void> send(Exchange ex, QueryParams p, String format, RunningQuery running, Consumer<String> onEnd) {
        return Mono.fromCallable(() -> export(ex, p, format, running))
                .subscribeOn(scheduler)
                .doOnNext(file -> onEnd.accept(null)) // logged before the answer, as the official mock does
                .flatMap(file -> ex.response().status(200)
                        .header(HttpHeaderNames.CONTENT_TYPE, contentType(format))
                        .header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(size(file)))
                        .send(read(file).map(Unpooled::wrappedBuffer))
                        .then())
                .onErrorResume(ExportFailure.class, f -> {
                    onEnd.accept(f.logged);
                    return Mono.from(Replies.text(ex.response(), 500, f.contentType, f.getMessage()));
                });
    }

    private Path export(Exchange ex, QueryParams p, String format, RunningQuery running) throws IOException {
        String type = contentType(format);
        try (Connection c = ex.user().database().connect()) {
            CatalogSelection.use(c, p.catalog(), p.schema());
            if (format.equals("jsonl")) {
                return jsonl(c, p, running);
            }
            return QueryFileExport.export(c, p.effectiveSql(),
                    format.equals("csv") ? QueryFileExport.Format.CSV : QueryFileExport.Format.PARQUET);
        } catch (SQLException e) {
            // the query failed: the format's own content type, and the log records the error
            throw new ExportFailure(DuckDbQuery.message(e), type, DuckDbQuery.message(e));
        } catch (UnencodableValueException e) {
            // the query ran but a value cannot be written: text/plain, and the log shows success (official mock)
            throw new ExportFailure(e.getMessage(), Replies.TEXT_PLAIN, null);
        }
    }

    /**
     * One JSON object per row, keys in code-point order, each line ended by {@code \n}; an empty result is empty.
     * Failures carry the stage prefix of the default format ({@code Failed to prepare statement: },
     * {@code Failed to execute query: }).
     */
    private static Path jsonl(Connection c, QueryParams p, RunningQuery running) throws SQLException, IOException {
        Path file = Files.createTempFile("altertable-mock-export", ".jsonl");
        String sql = p.effectiveSql();
        try (PreparedStatement ps = prepare(c, sql)) {
            running.attach(ps);
            if (execute(c, ps, sql)) {
                try (ResultSet rs = ps.getResultSet(); OutputStream out = Files.newOutputStream(file);
                     JsonGenerator g = RowJsonFactory.get().createGenerator(out)) {
                    ResultEncoder encoder = ResultEncoder.of(rs.getMetaData());
                    while (next(rs)) {
                        encoder.writeRowObject(rs, g);
                        g.writeRaw('\n');
                    }
                }
            }
            return file;
        } catch (SQLException | IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        try {
            return c.prepareStatement(sql);
        } catch (SQLException e) {
            throw new SQLException(QueryFileExport.PREPARE_FAILED + DuckDbQuery.message(e), e);
        }
    }

    private static boolean next(ResultSet rs) throws SQLException {
        try {
            return rs.next();
        } catch (SQLException e) {
            throw new SQLException(QueryFileExport.EXECUTE_FAILED + DuckDbQuery.message(e), e);
        }
    }

    private static boolean execute(Connection c, PreparedStatement ps, String sql) throws SQLException {
        try {
            return ps.execute();
        } catch (SQLException e) {
            throw new SQLException(QueryFileExport.EXECUTE_FAILED + StreamingErrors.message(c, sql, e), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file in chunks, one chunk per turn on the database threads ({@link SlicedStream}); deleted at the end. */
    private Flux<byte[]> read(Path file) {
        return SlicedStream.<FileChannel, byte[]>create(scheduler::schedule,
                () -> FileChannel.open(file, StandardOpenOption.READ),
                (ch, sink) -> {
                    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                    int n = ch.read(buf);
                    if (n < 0) {
                        sink.complete();
                    } else {
                        byte[] b = new byte[n];
                        buf.flip().get(b);
                        sink.next(b);
                    }
                },
                ch -> {
                    try {
                        ch.close();
                        Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // temp file cleanup is best effort
                    }
                });
    }

    /** The export failed: the message is the body of the 500 answer, sent with {@code contentType}. */
    static final class ExportFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final String contentType;
        /** The error the query log records, or {@code null} when the query itself succeeded. */
        final String logged;

        ExportFailure(String message, String contentType, String logged) {
            super(message, null, false, false);
            this.contentType = contentType;
            this.logged = logged;
        }
    }

}
