package ai.altertable.reactive.examples.webflux;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.batch.CoalescingAppender.AppenderFullException;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.TableAppender;
import ai.altertable.reactive.spring.TableAppenders;
import org.springframework.beans.factory.annotation.Autowired;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The events service's HTTP API, over the {@link LakehouseClient} and the shared {@link TableAppender} that
 * altertable-spring-boot-starter configures from {@code application.properties}.
 *
 * <ul>
 *   <li>{@code POST /events}: one event or a JSON array of at most {@value #MAX_EVENTS_PER_REQUEST}; each is appended
 *       through the shared {@link TableAppender}, so the events of concurrent requests travel in the same batches.
 *       The answer, {@code 202 {"events": n, "task_ids": [...]}}, comes once the batches carrying them were accepted
 *       by the lakehouse (appends are asynchronous there; poll the task ids to know they were applied). A body that
 *       does not parse or holds an invalid event is a 400 and nothing is appended. A full appender is a 503 with
 *       {@code Retry-After}; for an array, the events appended before it became full stay appended (at most once:
 *       the appender never re-sends). A batch the lakehouse failed or refused is a 502.</li>
 *   <li>{@code GET /dau?since=yyyy-MM-dd}: daily active users since that day (default: 30 days ago), streamed as
 *       {@code application/x-ndjson} (the default) or {@code text/event-stream}. Rows go from the lakehouse to the HTTP
 *       client as the client reads them: when it reads slowly, Reactor Netty stops reading the lakehouse stream; when
 *       it disconnects, the lakehouse query is cancelled (the server notices when it writes the next row).</li>
 * </ul>
 */
@RestController
public class EventsController {

    /** Events one {@code POST /events} may carry. */
    public static final int MAX_EVENTS_PER_REQUEST = 1_000;
    /** Seconds a client is asked to wait after a 503. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final LakehouseClient client;
    private final TableAppender<Event> appender;

    /**
     * A controller over the auto-configured client and the shared appender {@code altertable.appenders.events}; it
     * closes neither (the starter does, appender first, when the application stops).
     */
    @Autowired
    public EventsController(LakehouseClient client, TableAppenders appenders) {
        this(client, appenders.<Event>get("events"));
    }

    /** A controller over the given client and appender; it closes neither. */
    EventsController(LakehouseClient client, TableAppender<Event> appender) {
        this.client = Objects.requireNonNull(client, "client");
        this.appender = Objects.requireNonNull(appender, "appender");
    }

    /** What {@code POST /events} accepted: how many events, and the lakehouse tasks that carry them. */
    public record Accepted(int events, @JsonProperty("task_ids") List<String> taskIds) {
    }

    // --8<-- [start:webflux-post]
    @PostMapping(path = "/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Accepted> post(@RequestBody Mono<List<Event>> body) { // one event, or an array (see application.properties)
        return body.map(EventsController::checkSize)           // the whole body is valid before anything is appended
                .flatMap(events -> Flux.fromIterable(events)
                        .flatMap(appender::append)             // completes when its batch is acknowledged
                        .mapNotNull(AppendResponse::taskId)
                        .collect(TreeSet<String>::new, TreeSet::add)
                        .map(taskIds -> new Accepted(events.size(), List.copyOf(taskIds))));
    }
    // --8<-- [end:webflux-post]

    // --8<-- [start:webflux-dau]
    @GetMapping(path = "/dau", produces = {MediaType.APPLICATION_NDJSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE})
    Flux<Dau> dau(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since) {
        LocalDate from = since != null ? since : LocalDate.now(ZoneOffset.UTC).minusDays(30);
        return client.query(Dau.sql(from), Dau.class);         // demand and cancel reach the lakehouse
    }
    // --8<-- [end:webflux-dau]

    // --8<-- [start:webflux-errors]
    @ExceptionHandler(AppenderFullException.class)
    ResponseEntity<ProblemDetail> appenderFull(AppenderFullException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "too many events queued"));
    }

    @ExceptionHandler(AltertableException.class)
    ResponseEntity<ProblemDetail> lakehouseFailed(AltertableException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)  // the message is redacted: no credentials, short body
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage()));
    }
    // --8<-- [end:webflux-errors]

    private static List<Event> checkSize(List<Event> events) {
        if (events.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no events");
        }
        if (events.size() > MAX_EVENTS_PER_REQUEST) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                    "at most " + MAX_EVENTS_PER_REQUEST + " events per request");
        }
        return events;
    }
}
