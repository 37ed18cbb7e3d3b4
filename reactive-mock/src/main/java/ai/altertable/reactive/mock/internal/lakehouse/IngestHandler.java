package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.core.model.AppendErrorCode;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.core.model.UploadMode;
import ai.altertable.reactive.mock.internal.ingest.AppendOutcome;
import ai.altertable.reactive.mock.internal.ingest.AppendTasks;
import ai.altertable.reactive.mock.internal.ingest.IngestOutcome;
import ai.altertable.reactive.mock.internal.ingest.Upload;
import ai.altertable.reactive.mock.internal.ingest.Upsert;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * {@code POST /upload}, {@code /upsert}, {@code /append} and {@code GET /tasks/{id}} (protocol §11): the HTTP side of
 * ingestion. Query strings are checked first (400 as the official mock words it), upload bodies are streamed to a
 * temporary file, and the DuckDB work in {@code ingest} runs on the database scheduler.
 */
final class IngestHandler {

    /*
     * The query-string fields each endpoint declares: only these are checked for repeats (serde ignores undeclared
     * ones, repeated or not), so e.g. a legacy `mode` sent twice to /upsert is harmless, as on the official mock.
     */
    private static final Set<String> UPLOAD_PARAMS = Set.of("catalog", "schema", "table", "mode");
    private static final Set<String> UPSERT_PARAMS = Set.of("catalog", "schema", "table", "primary_key",
            "cursor_field");
    private static final Set<String> APPEND_PARAMS = Set.of("catalog", "schema", "table", "sync");

    private final Scheduler scheduler;
    private final Executor executor;

    IngestHandler(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.executor = task -> scheduler.schedule(task);
    }

    Mono<Void> upload(Exchange ex) {
        return Mono.defer(() -> {
            QueryStringParams q = QueryStringParams.of(ex.request().uri(), UPLOAD_PARAMS);
            String catalog = q.required("catalog");
            String schema = q.required("schema");
            String table = q.required("table");
            UploadMode mode = mode(q.optional("mode"));
            return ingest(ex, (c, file, type) -> Upload.upload(c, catalog, schema, table, mode, file, type));
        });
    }

    Mono<Void> upsert(Exchange ex) {
        return Mono.defer(() -> {
            QueryStringParams q = QueryStringParams.of(ex.request().uri(), UPSERT_PARAMS);
            String catalog = q.required("catalog");
            String schema = q.required("schema");
            String table = q.required("table");
            List<String> keys = Upsert.parseColumnList(q.required("primary_key"));
            List<String> cursor = Upsert.parseColumnList(q.optional("cursor_field"));
            if (keys.isEmpty()) {
                throw new Rejection(400, Upsert.MISSING_PRIMARY_KEY);
            }
            if (cursor != null && cursor.isEmpty()) {
                throw new Rejection(400, Upsert.BLANK_CURSOR_FIELD);
            }
            return ingest(ex, (c, file, type) -> Upsert.upsert(c, catalog, schema, table, keys, cursor, file, type));
        });
    }

    private static UploadMode mode(String value) {
        if (value == null) {
            return UploadMode.APPEND;
        }
        UploadMode m = UploadMode.fromWire(value);
        if (m == UploadMode.UNKNOWN) {
            throw Rejection.badQueryString("mode: unknown variant `" + value
                    + "`, expected one of `create`, `append`, `create_append`, `overwrite`");
        }
        return m;
    }

    /** One file ingestion: the DuckDB side of upload or upsert. */
    @FunctionalInterface
    private interface FileIngestion {
        IngestOutcome run(Connection c, Path file, String contentType) throws Exception;
    }

    private Mono<Void> ingest(Exchange ex, FileIngestion work) {
        String contentType = ex.header(HttpHeaderNames.CONTENT_TYPE);
        ex.bodyConsumed();
        return Mono.usingWhen(BodyFiles.toTempFile(ex.request(), scheduler),
                file -> Mono.fromCallable(() -> {
                    try (Connection c = ex.user().database().connect()) {
                        return work.run(c, file, contentType);
                    }
                }).subscribeOn(scheduler),
                BodyFiles::deleteQuietly)
                .flatMap(outcome -> Mono.from(outcome.ok()
                        ? WriteFaults.answer(ex, 200, null, new byte[0])
                        : WriteFaults.answer(ex, outcome.httpStatus(), IngestOutcome.ERROR_CONTENT_TYPE,
                        outcome.errorText().getBytes(StandardCharsets.UTF_8))));
    }

    Mono<Void> append(Exchange ex) {
        return Mono.defer(() -> {
            QueryStringParams q = QueryStringParams.of(ex.request().uri(), APPEND_PARAMS);
            String catalog = q.required("catalog");
            String schema = q.required("schema");
            String table = q.required("table");
            boolean sync = q.optionalBoolean("sync");
            ex.bodyConsumed();
            return RequestBodies.read(ex.request(), RequestBodies.LIMIT).flatMap(bytes -> {
                JsonNode body;
                try {
                    body = JsonBody.parse(bytes);
                } catch (Rejection syntax) {
                    return reply(ex, AppendOutcome.invalidBody());
                }
                return Mono.fromFuture(AppendTasks.submit(ex.user().tasks(), executor, ex.user().database()::connect,
                        catalog, schema, table, body, sync)).flatMap(outcome -> reply(ex, outcome));
            });
        });
    }

    private static Mono<Void> reply(Exchange ex, AppendOutcome o) {
        AppendResponse response = new AppendResponse(o.ok(),
                o.errorCode() == null ? null : AppendErrorCode.fromWire(o.errorCode()), o.errorMessage(),
                o.taskId() == null ? null : o.taskId().toString());
        return Mono.from(WriteFaults.answer(ex, o.httpStatus(), Replies.JSON, json(response)));
    }

    Mono<Void> task(Exchange ex) {
        return Mono.defer(() -> {
            String id = QueryIdHandler.parseId(Route.id(ex.path()));
            return ex.user().tasks().status(UUID.fromString(id))
                    .map(status -> Mono.from(Replies.json(ex.response(), 200, json(status))))
                    .orElseGet(() -> Mono.from(Replies.empty(ex.response(), 404)));
        });
    }

    static byte[] json(Object model) {
        try {
            return AltertableJson.mapper().writeValueAsBytes(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + model.getClass().getSimpleName(), e);
        }
    }
}
