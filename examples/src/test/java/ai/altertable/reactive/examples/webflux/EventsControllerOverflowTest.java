package ai.altertable.reactive.examples.webflux;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.batch.CoalescingAppender.Overflow;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.TableAppender;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full appender answers 503 with {@code Retry-After}. The lakehouse here is a loopback socket that accepts
 * connections and never answers, so the one event the appender may hold stays in flight.
 */
class EventsControllerOverflowTest {

    @Test
    void aFullAppenderIsServiceUnavailableWithRetryAfter() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             LakehouseClient client = LakehouseClient.create("http://127.0.0.1:" + silent.getLocalPort(),
                     Credentials.basic("u", "p"));
             TableAppender<Event> appender = client.appender(AppendOptions.of(Event.TABLE),
                     BatchingOptions.builder().maxRows(1).linger(Duration.ofMillis(1)).build(), 1, Overflow.FAIL)) {
            Disposable inFlight = appender.append(event()).subscribe(ok -> { }, e -> { });
            assertThat(appender.queueDepth()).isEqualTo(1);

            WebTestClient web = WebTestClient.bindToController(new EventsController(client, appender)).build();
            web.post().uri("/events").contentType(MediaType.APPLICATION_JSON).bodyValue(new Event[]{event()})
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                    .expectBody().jsonPath("$.detail").isEqualTo("too many events queued");
            inFlight.dispose();
        }
    }

    private static Event event() {
        return new Event(LocalDateTime.of(2026, 1, 1, 0, 0), "u", "page_view");
    }
}
