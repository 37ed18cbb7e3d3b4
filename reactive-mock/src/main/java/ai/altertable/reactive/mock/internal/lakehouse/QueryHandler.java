package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.internal.encode.UnencodableValueException;
import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.FaultPlan;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /query}: the NDJSON envelope streamed with backpressure (protocol §5.2), or one of the export formats
 * (§5.5). Every query is registered as running (so {@code DELETE /query/{id}} can cancel it) and logged when its
 * response ends.
 */
final class QueryHandler {

    private final Scheduler scheduler;
    private final Scheduler interrupts;
    private final ColumnShape shape;
    private final QueryTracker tracker;
    private final QueryExport export;

    QueryHandler(Scheduler scheduler, Scheduler interrupts, ColumnShape shape, QueryTracker tracker) {
        this.scheduler = scheduler;
        this.interrupts = interrupts;
        this.shape = shape;
        this.tracker = tracker;
        this.export = new QueryExport(scheduler);
    }

    Mono<Void> handle(Exchange ex) {
        return RequestBodies.readJson(ex).flatMap(bytes -> {
            QueryParams p = QueryParams.from(JsonBody.parseObject(bytes, "QueryRequest"));
            String format = p.normalizedFormat();
            RunningQuery running = register(ex, p);
            return format.equals("default") ? stream(ex, p, running) : export.send(ex, p, format, running,
                    error -> ended(ex, p, running, error));
        });
    }

    private RunningQuery register(Exchange ex, QueryParams p) {
        RunningQuery running = new RunningQuery(p.queryId(), p.sessionId(), Instant.now(), interrupts);
        ex.user().running().put(p.queryId(), running);
        tracker.track(running);
        return running;
    }

    /**
     * Streams the envelope. The status is committed only once the first chunk exists (the query has run and its
     * metadata and columns are known): Reactor Netty would otherwise write {@code 200} headers as soon as the body is
     * subscribed, and a result that cannot be encoded, which fails in that first chunk, could no longer be the
     * official mock's {@code 500 text/plain}. Fault plans shape the body after the headers.
     */
    private Mono<Void> stream(Exchange ex, QueryParams p, RunningQuery running) {
        FaultPlan fault = ex.fault();
        NdjsonQueryStream stream = new NdjsonQueryStream(ex.user().database(), p, running, shape, fault, scheduler,
                outcome -> ended(ex, p, running, outcome.error()));
        boolean flushEach = fault != null && fault.chunkBytes() > 0;
        return stream.body().switchOnFirst((first, body) -> {
            if (first.isOnError()) {
                Throwable t = first.getThrowable();
                return t instanceof UnencodableValueException
                        ? Replies.text(ex.response(), 500, Replies.TEXT_PLAIN, t.getMessage())
                        : Mono.error(t); // the router answers 500: nothing was committed yet
            }
            return ex.response().status(200)
                    .header(HttpHeaderNames.CONTENT_TYPE, Replies.NDJSON)
                    .send(BodyFaults.apply(body, fault).map(Unpooled::wrappedBuffer), b -> flushEach);
        }).then();
    }

    /** The response is over: the query leaves the running set and enters the log. */
    private void ended(Exchange ex, QueryParams p, RunningQuery running, String error) {
        ex.user().running().remove(p.queryId(), running);
        running.finished(error);
        Instant end = Instant.now();
        ex.user().log().add(new LoggedQuery(p.queryId(), running.start(), end,
                Duration.between(running.start(), end).toMillis(), p.statement(), p.visible(), p.sessionId(), error,
                p.requestedBy(), ex.header(HttpHeaderNames.USER_AGENT)));
    }
}
