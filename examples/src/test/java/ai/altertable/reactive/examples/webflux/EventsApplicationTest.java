package ai.altertable.reactive.examples.webflux;

import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TaskState;
import ai.altertable.reactive.core.model.TaskStatus;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.FaultPlan;
import ai.altertable.reactive.mock.ObservedQuery;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.spring.test.AutoConfigureAltertableMock;
import ai.altertable.reactive.testsupport.NettyLeakChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The events service on a random port against an embedded {@link AltertableMock} (started by
 * {@link AutoConfigureAltertableMock} with the {@code events} table), driven over HTTP. Each test writes
 * events in its own period, so that the tests can run in any order: the DAU test from 2026-03-01 on, the others
 * before it.
 */
// --8<-- [start:webflux-test]
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@AutoConfigureAltertableMock(flight = false, seed = Event.CREATE_TABLE) // the service's lakehouse: an embedded mock
@DirtiesContext // the service (and its mock) stops with this class, not at the end of the JVM
class EventsApplicationTest {
    // --8<-- [end:webflux-test]

    @Autowired
    AltertableMock mock;

    @Autowired
    WebTestClient web;

    @Autowired
    LakehouseClient client;

    @Test
    void concurrentPostsAreBatchedAndDailyActiveUsersStreamAsNdjsonAndServerSentEvents() {
        LocalDate first = LocalDate.of(2026, 3, 1);
        List<Event> events = IntStream.range(0, 1_000)
                .mapToObj(i -> new Event(LocalDateTime.of(first.plusDays(i % 10), LocalTime.NOON.plusSeconds(i)),
                        "user-" + (i * 7_919 % 311), i % 3 == 0 ? "purchase" : "page_view"))
                .toList();
        long appendsBefore = mock.requestCount("/append");

        List<EventsController.Accepted> answers = Flux.fromIterable(events)
                .flatMap(e -> Mono.fromCallable(() -> postOne(e)).subscribeOn(Schedulers.boundedElastic()), 64)
                // a bound, not a measure: a loaded 2-core run once needed more than 30 s for the 1,000 posts
                .collectList().block(Duration.ofMinutes(3));

        assertThat(answers).hasSize(1_000).allSatisfy(a -> assertThat(a.events()).isEqualTo(1));
        assertThat(mock.requestCount("/append") - appendsBefore).as("appends carrying 1,000 events, 64 at a time")
                .isLessThan(500);
        Set<String> tasks = answers.stream().flatMap(a -> a.taskIds().stream()).collect(Collectors.toSet());
        assertThat(tasks).isNotEmpty();
        assertThat(Flux.fromIterable(tasks).flatMap(id -> client.awaitTask(id, Duration.ofSeconds(10)), 16)
                .map(TaskStatus::status).collectList().block())
                .as("the lakehouse tasks that carry the events").containsOnly(TaskState.COMPLETED);

        List<Dau> expected = expectedDau(events);
        assertThat(expected).hasSize(10);
        assertThat(read(MediaType.APPLICATION_NDJSON, first)).isEqualTo(expected);
        assertThat(read(MediaType.TEXT_EVENT_STREAM, first)).isEqualTo(expected);
    }

    /** The starter wires the clients to the actuator's registry: no code in the service. */
    @Test
    void theClientsMetricsAreUnderActuatorMetrics() {
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(30));

        web.get().uri("/actuator/metrics").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.names[?(@ == 'altertable.client.operation.duration')]").exists()
                .jsonPath("$.names[?(@ == 'altertable.client.rows.received')]").exists();
        web.get().uri("/actuator/metrics/altertable.client.operation.duration?tag=operation:query&tag=outcome:success")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.measurements[?(@.statistic == 'COUNT')].value").value(counts ->
                        assertThat(((Number) ((List<?>) counts).get(0)).doubleValue()).isGreaterThanOrEqualTo(1));
    }

    @Test
    void anArrayIsAppendedEventByEvent() {
        String body = """
                [{"timestamp": "2024-05-01T10:00:00", "user_id": "a", "event": "page_view"},
                 {"timestamp": "2024-05-01T10:01:00", "user_id": "b", "event": "page_view"},
                 {"timestamp": "2024-05-02T09:00:00", "user_id": "a", "event": "purchase"}]""";
        web.post().uri("/events").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.events").isEqualTo(3).jsonPath("$.task_ids").isNotEmpty();
    }

    @Test
    void invalidBodiesAreRefusedAndNothingIsAppended() {
        long appendsBefore = mock.requestCount("/append");
        for (String body : List.of("not json", "[]", "{\"user_id\": \"a\", \"event\": \"page_view\"}",
                "[{\"timestamp\": \"2024-01-01T00:00:00\", \"user_id\": \"a\", \"event\": \"x\"}, {\"user_id\": \"\"}]",
                "{\"timestamp\": \"yesterday\", \"user_id\": \"a\", \"event\": \"x\"}")) {
            web.post().uri("/events").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.status").isEqualTo(400);
        }
        web.get().uri("/dau?since=last-week").accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.status").isEqualTo(400);
        assertThat(mock.requestCount("/append")).isEqualTo(appendsBefore);
    }

    @Test
    void aLakehouseFailureIsABadGateway() {
        mock.faults().failNext(1, "/append", 500);
        web.post().uri("/events").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new Event(LocalDateTime.of(2023, 6, 1, 12, 0), "a", "page_view"))
                .exchange()
                .expectStatus().isEqualTo(502)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("500"));
    }

    @Test
    void aClientThatGoesAwayCancelsTheLakehouseQuery() {
        List<Event> events = IntStream.range(0, 30)
                .mapToObj(i -> new Event(LocalDateTime.of(2020, 1, 1 + i, 8, 0), "u" + i, "page_view")).toList();
        client.append(AppendOptions.of(Event.TABLE, true), events).block();
        List<String> cancelsBefore = mock.cancelRequests();
        mock.faults().add(FaultPlan.builder().path("/query").rowDelay(Duration.ofMillis(100)).build());

        Flux<Dau> body = web.get().uri("/dau?since=2020-01-01").accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus().isOk()
                .returnResult(Dau.class).getResponseBody();
        StepVerifier.create(body.take(2)).expectNextCount(2).verifyComplete(); // then the HTTP client disconnects

        String queryId = await().atMost(Duration.ofSeconds(10))
                .until(() -> newCancel(cancelsBefore), id -> id != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> !mock.observedQuery(queryId).running());
        ObservedQuery query = mock.observedQuery(queryId);
        assertThat(query.cancelRequested()).isTrue();
        assertThat(query.rowsProduced()).isLessThan(30);
        assertNoLeaksExceptSpringStreamingGroups();
    }

    /**
     * The server notices that the HTTP client went away only when it writes the next row. For streaming media types
     * Spring wraps each encoded row in a {@code Mono.just(buffer)} for Reactor Netty's {@code sendGroups}; a row still
     * queued there when that write fails is discarded as a publisher, and its buffer is never released (seen with
     * Spring Framework 7.0.8 and Reactor Netty 1.3.7, now and then). That leak, allocated by Spring's streaming
     * encoder, is the only one tolerated here.
     */
    private static void assertNoLeaksExceptSpringStreamingGroups() {
        NettyLeakChecks.collect();
        List<String> others = NettyLeakChecks.drain().stream()
                .filter(report -> !report.substring(Math.max(0, report.indexOf("Created at:")))
                        .contains("AbstractJacksonEncoder.encodeStreamingValue"))
                .toList();
        assertThat(others).isEmpty();
    }

    private EventsController.Accepted postOne(Event e) {
        return web.post().uri("/events").contentType(MediaType.APPLICATION_JSON).bodyValue(e)
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(EventsController.Accepted.class).returnResult().getResponseBody();
    }

    private List<Dau> read(MediaType type, LocalDate since) {
        return web.get().uri("/dau?since={since}", since).accept(type)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(type)
                .returnResult(Dau.class).getResponseBody()
                .collectList().block(Duration.ofSeconds(10));
    }

    private static List<Dau> expectedDau(List<Event> events) {
        Map<LocalDate, Set<String>> users = events.stream().collect(Collectors.groupingBy(
                e -> e.timestamp().toLocalDate(), TreeMap::new, Collectors.mapping(Event::userId, Collectors.toSet())));
        List<Dau> out = new ArrayList<>();
        users.forEach((day, who) -> out.add(new Dau(day, who.size())));
        return out;
    }

    private String newCancel(List<String> before) {
        return mock.cancelRequests().stream().filter(id -> !before.contains(id)).findFirst().orElse(null);
    }
}
