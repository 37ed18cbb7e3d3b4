package ai.altertable.reactive.spring.test;

import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.TableAppender;
import ai.altertable.reactive.spring.TableAppenders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @SpringBootTest} with {@link AutoConfigureAltertableMock}: the auto-configured clients reach the embedded mock,
 * seeded; an appender declared in properties appends, and both clients read it back.
 */
@SpringBootTest(properties = {"altertable.base-url=http://must-be-overridden.invalid:1",
        "altertable.appenders.events.table=memory.main.events", "altertable.appenders.events.sync=true",
        "altertable.appenders.events.batching.linger=10ms"})
@AutoConfigureAltertableMock(seed = {"CREATE TABLE events (user_id VARCHAR, event VARCHAR)",
        "INSERT INTO events VALUES ('u-0', 'seeded')"})
class AutoConfigureAltertableMockTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    record Event(String user_id, String event) {
    }

    @Autowired
    LakehouseClient client;

    @Autowired
    LakehouseFlightClient flight;

    @Autowired
    TableAppenders appenders;

    @Autowired
    AltertableMock mock;

    @Test
    void clientsPointAtTheMock() {
        assertThat(client.options().baseUrl()).isEqualTo(mock.baseUrl());
        assertThat(flight.options().endpoint()).isEqualTo(mock.flightUri());
    }

    @Test
    void appendsThroughTheDeclaredAppenderAndQueriesBothWays() {
        TableAppender<Event> events = appenders.get("events");
        StepVerifier.create(Flux.range(1, 5).flatMap(i -> events.append(new Event("u-" + i, "page_view")))
                .map(AppendResponse::ok)).expectNext(true, true, true, true, true).expectComplete().verify(WAIT);

        StepVerifier.create(client.query("SELECT count(*) FROM events WHERE event = 'page_view'")
                .map(row -> row.getLong(0))).expectNext(5L).expectComplete().verify(WAIT);
        StepVerifier.create(flight.query("SELECT user_id FROM events WHERE event = 'seeded'")
                .map(row -> row.getString(0))).expectNext("u-0").expectComplete().verify(WAIT);
    }

    @Test
    void theSeedRanOnce() {
        StepVerifier.create(client.query("SELECT count(*) FROM events WHERE event = 'seeded'")
                .map(row -> row.getLong(0))).expectNext(1L).expectComplete().verify(WAIT);
    }
}
