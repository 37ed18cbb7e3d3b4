package ai.altertable.reactive.mock.internal.lakehouse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /query/{id}} (the query log, §7) and {@code DELETE /query/{id}?session_id=} (cancel, §8). Cancelling a
 * running query interrupts it in DuckDB; its stream then ends with an error line. A finished query with the matching
 * session answers {@code cancelled: true} as the official mock does. Ids are per user: another user's id is unknown.
 */
final class QueryIdHandler {

    private final QueryTracker tracker;

    QueryIdHandler(QueryTracker tracker) {
        this.tracker = tracker;
    }

    Mono<Void> handle(Exchange ex) {
        return Mono.defer(() -> {
            String id = parseId(Route.id(ex.path()));
            if (ex.request().method().equals(HttpMethod.DELETE)) {
                return cancel(ex, id);
            }
            LoggedQuery q = ex.user().log().get(id);
            if (q == null) {
                return Mono.from(Replies.empty(ex.response(), 404));
            }
            return Mono.from(Replies.json(ex.response(), 200, json(g -> writeLogEntry(g, q))));
        });
    }

    /** The path id as a lowercase hyphenated UUID; anything {@link Uuids} does not accept is 400. */
    static String parseId(String raw) {
        UUID id = Uuids.parse(raw);
        if (id == null) {
            throw Rejection.badPath("Cannot parse `" + raw + "` to a UUID");
        }
        return id.toString();
    }

    private Mono<Void> cancel(Exchange ex, String id) {
        QueryStringParams params = QueryStringParams.of(ex.request().uri(), Set.of("session_id"));
        String session = params.required("session_id");
        tracker.cancelReceived(id);
        RunningQuery running = ex.user().running().get(id);
        String knownSession = running != null ? running.sessionId() : null;
        if (running == null) {
            LoggedQuery q = ex.user().log().get(id);
            if (q == null) {
                return Mono.from(Replies.empty(ex.response(), 404));
            }
            knownSession = q.sessionId();
        }
        boolean match = knownSession.equals(session);
        if (match && running != null) {
            running.cancel();
        }
        byte[] body = json(g -> {
            g.writeStartObject();
            g.writeBooleanField("cancelled", match);
            g.writeStringField("message", match ? "Query cancelled" : "Session ID does not match");
            g.writeEndObject();
        });
        return Mono.from(Replies.json(ex.response(), 200, body));
    }

    private static void writeLogEntry(JsonGenerator g, LoggedQuery q) throws IOException {
        g.writeStartObject();
        g.writeStringField("uuid", q.queryId());
        g.writeStringField("start_time", q.startTime().toString());
        g.writeStringField("end_time", q.endTime().toString());
        g.writeNumberField("duration_ms", q.durationMs());
        g.writeStringField("query", q.query());
        g.writeStringField("client_interface", "HttpQuery");
        g.writeBooleanField("visible", q.visible());
        g.writeStringField("session_id", q.sessionId());
        g.writeStringField("error", q.error());
        g.writeStringField("requested_by", q.requestedBy());
        g.writeStringField("user_agent", q.userAgent());
        g.writeEndObject();
    }

    interface JsonWriting {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] json(JsonWriting w) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = JsonBody.MAPPER.getFactory().createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
