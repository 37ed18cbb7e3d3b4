package ai.altertable.reactive.spring;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.batch.CoalescingAppender.AppenderClosedException;
import ai.altertable.reactive.core.batch.CoalescingAppender.Overflow;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.TableAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Closing the context writes what the appenders hold: rows queued in an appender whose batch would only be cut an hour
 * later are written when the context closes, before the client closes, and nothing is lost.
 */
class GracefulShutdownTest {

    static final int ROWS = 20;
    static final Duration WAIT = Duration.ofSeconds(60);

    record Event(String user_id, String event) {
    }

    AltertableMock mock;

    @BeforeEach
    void start() {
        mock = AltertableMock.builder().withoutFlight().start();
        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            client.query("CREATE TABLE events (user_id VARCHAR, event VARCHAR)").then().block(WAIT);
        }
    }

    @AfterEach
    void stop() {
        mock.close();
    }

    ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AltertableAutoConfiguration.class))
                .withPropertyValues("altertable.flight.enabled=false", "altertable.base-url=" + mock.baseUrl(),
                        "altertable.credentials.username=" + AltertableMock.DEFAULT_USERNAME,
                        "altertable.credentials.password=" + AltertableMock.DEFAULT_PASSWORD,
                        "altertable.appenders.events.table=memory.main.events", "altertable.appenders.events.sync=true",
                        // A batch is cut only after an hour or 1,000 rows: the rows stay queued until the close.
                        "altertable.appenders.events.batching.linger=1h",
                        "altertable.appenders.events.batching.max-rows=1000");
    }

    @Test
    void queuedRowsAreWrittenWhenTheContextCloses() throws Exception {
        List<CompletableFuture<AppendResponse>> acks = appendAndClose(runner());

        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(acks).allSatisfy(ack -> assertThat(ack.join().ok()).isTrue());
        assertThat(rowsInTheMock()).isEqualTo(ROWS);
    }

    /** An appender the application declares as a bean (not in properties) is closed gracefully as well. */
    @Test
    void anAppenderDeclaredAsABeanIsWrittenWhenTheContextCloses() throws Exception {
        List<CompletableFuture<AppendResponse>> acks = new java.util.ArrayList<>();
        runner().withUserConfiguration(OwnAppender.class).run(context -> {
            @SuppressWarnings("unchecked")
            TableAppender<Event> own = context.getBean("ownAppender", TableAppender.class);
            IntStream.range(0, ROWS).forEach(i -> acks.add(own.append(new Event("own-" + i, "view")).toFuture()));
            await().atMost(WAIT).until(() -> own.queueDepth() == ROWS);
        });

        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(rowsInTheMock()).isEqualTo(ROWS);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnAppender {
        @Bean
        TableAppender<Event> ownAppender(LakehouseClient client) {
            return client.appender(AppendOptions.of(TableRef.of("memory", "main", "events"), true),
                    BatchingOptions.builder().maxRows(1_000).linger(Duration.ofHours(1)).build(), 1_000, Overflow.WAIT);
        }
    }

    /** What the graceful phase is for: destroying the appenders without it fails their rows (never silently). */
    @Test
    void withoutTheGracefulPhaseQueuedRowsFail() {
        List<CompletableFuture<AppendResponse>> acks = appendAndClose(runner()
                .withBean(AppendersShutdown.class, () -> new AppendersShutdown(List::of)));

        assertThat(acks).allSatisfy(ack -> assertThatThrownBy(() -> ack.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AppenderClosedException.class));
        assertThat(rowsInTheMock()).isZero();
    }

    private static List<CompletableFuture<AppendResponse>> appendAndClose(ApplicationContextRunner runner) {
        List<CompletableFuture<AppendResponse>> acks = new java.util.ArrayList<>();
        runner.run(context -> {
            TableAppender<Event> events = context.getBean(TableAppenders.class).get("events");
            IntStream.range(0, ROWS).forEach(i -> acks.add(events.append(new Event("u-" + i, "view")).toFuture()));
            await().atMost(WAIT).until(() -> events.queueDepth() == ROWS);
            assertThat(acks).noneMatch(CompletableFuture::isDone);
        }); // closes the context
        return acks;
    }

    private long rowsInTheMock() {
        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            return client.query("SELECT count(*) FROM events").map(row -> row.getLong(0)).blockLast(WAIT);
        }
    }
}
