package ai.altertable.reactive.mock.internal.lakehouse;

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
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * {@code POST /query} with {@code format} {@code csv}, {@code jsonl} or {@code parquet} (protocol §5.5, mock only): the
 * result is written to a temporary file by DuckDB, then streamed from disk in chunks and deleted. A failing query is
 * {@code 500} with the format's own content type and a plain-text body, as the official mock answers.
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
                .flatMap(file -> ex.response().status(200)
                        .header(HttpHeaderNames.CONTENT_TYPE, contentType(format))
                        .header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(size(file)))
                        .send(read(file).map(Unpooled::wrappedBuffer))
                        .then()
                        .doFinally(s -> onEnd.accept(null)))
                .onErrorResume(ExportFailure.class, f -> {
                    onEnd.accept(f.getMessage());
                    return Mono.from(Replies.text(ex.response(), 500, contentType(format), f.getMessage()));
                });
    }

    private Path export(Exchange ex, QueryParams p, String format, RunningQuery running) throws IOException {
        try (Connection c = ex.user().database().connect()) {
            use(c, p.catalog());
            use(c, p.schema());
            if (format.equals("jsonl")) {
                return jsonl(c, p, running);
            }
            return QueryFileExport.export(c, p.effectiveSql(),
                    format.equals("csv") ? QueryFileExport.Format.CSV : QueryFileExport.Format.PARQUET);
        } catch (SQLException e) {
            throw new ExportFailure(QueryExecution.message(e));
        } catch (UnencodableValueException e) {
            throw new ExportFailure(e.getMessage());
        }
    }

    /** One JSON object per row, keys in code-point order, each line ended by {@code \n}; an empty result is empty. */
    private static Path jsonl(Connection c, QueryParams p, RunningQuery running) throws SQLException, IOException {
        Path file = Files.createTempFile("altertable-mock-export", ".jsonl");
        try (PreparedStatement ps = c.prepareStatement(p.effectiveSql())) {
            running.attach(ps);
            if (execute(c, ps, p.effectiveSql())) {
                try (ResultSet rs = ps.getResultSet(); OutputStream out = Files.newOutputStream(file);
                     JsonGenerator g = RowJsonFactory.get().createGenerator(out)) {
                    ResultEncoder encoder = ResultEncoder.of(rs.getMetaData());
                    while (rs.next()) {
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

    private static boolean execute(Connection c, PreparedStatement ps, String sql) throws SQLException {
        try {
            return ps.execute();
        } catch (SQLException e) {
            throw new SQLException(StreamingErrors.message(c, sql, e), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Flux<byte[]> read(Path file) {
        return Flux.using(() -> FileChannel.open(file, StandardOpenOption.READ),
                        ch -> Flux.<byte[]>generate(sink -> {
                            try {
                                ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                                int n = ch.read(buf);
                                if (n < 0) {
                                    sink.complete();
                                } else {
                                    byte[] b = new byte[n];
                                    buf.flip().get(b);
                                    sink.next(b);
                                }
                            } catch (IOException e) {
                                sink.error(e);
                            }
                        }),
                        ch -> {
                            try {
                                ch.close();
                                Files.deleteIfExists(file);
                            } catch (IOException ignored) {
                                // temp file cleanup is best effort
                            }
                        })
                .subscribeOn(scheduler, true);
    }

    /** The query failed; the message is the body of the 500 answer. */
    static final class ExportFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExportFailure(String message) {
            super(message, null, false, false);
        }
    }

    static void use(Connection c, String name) throws SQLException {
        if (name != null) {
            try (Statement s = c.createStatement()) {
                s.execute("USE " + name.replace("\"", "\"\""));
            }
        }
    }
}
