package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.CoalescingAppender;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.model.UploadMode;
import ai.altertable.reactive.core.model.UploadOptions;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.FaultPlan;
import ai.altertable.reactive.testsupport.ContextProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;

/**
 * The subscriber's Reactor {@code Context} reaches the sources the REST client subscribes to (appendAll's rows, an
 * upload's rows), and with Micrometer's context-propagation library and Reactor's automatic context propagation, so do
 * its thread locals (an MDC key and a plain {@code ThreadLocal}) in row mappers, after retries, in those sources, and
 * where a shared appender's caller is answered.
 */
class ContextPropagationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static AltertableMock mock;
    static LakehouseClient client;

    /** A row type whose construction (by the client's record mapper) records what the thread locals held. */
    record Probe(long n) {
        Probe {
            ContextProbe.record("mapper");
        }
    }

    record Event(long id, String kind) {
    }

    @BeforeAll
    static void start() {
        ContextProbe.enable();
        mock = AltertableMock.builder().user("alice", "secret").start();
        client = LakehouseClient.create(LakehouseClientOptions.builder()
                .baseUrl(mock.baseUrl()).credentials(mock.credentials())
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20))
                        .build())
                .build());
    }

    @AfterAll
    static void stop() {
        try {
            client.close();
            mock.close();
        } finally {
            ContextProbe.disable();
        }
    }

    @BeforeEach
    void forgetWhatEarlierTestsRecorded() {
        // a test that fails before its assertSeen leaves its records behind; they must not fail the next test
        ContextProbe.clear();
    }

    private static TableRef table(String name) {
        client.query("CREATE OR REPLACE TABLE " + name + " (id BIGINT, kind VARCHAR)").blockLast(TIMEOUT);
        return TableRef.of("memory", "main", name);
    }

    @Test
    void recordMapperAndOperatorsSeeTheThreadLocals() {
        StepVerifier.create(ContextProbe.within(client.query("SELECT range AS n FROM range(1000)", Probe.class)
                        .doOnNext(p -> ContextProbe.record("operator"))))
                .expectNextCount(1000)
                .expectComplete().verify(TIMEOUT);

        ContextProbe.assertSeen("mapper", 1000);
        ContextProbe.assertSeen("operator", 1000);
    }

    @Test
    void aRetriedQuerysMapperSeesTheThreadLocals() {
        mock.faults().add(FaultPlan.builder().status(502).times(2).path("/query").build());

        StepVerifier.create(ContextProbe.within(client.query("SELECT 5 AS n", Probe.class)))
                .expectNextCount(1)
                .expectComplete().verify(TIMEOUT);

        ContextProbe.assertSeen("mapper", 1);
    }

    @Test
    void appendAllSourceSeesTheContextAndTheThreadLocals() {
        TableRef t = table("context_append_all");
        Flux<Event> rows = Flux.deferContextual(ctx -> {
            ContextProbe.recordContext("source", ctx);
            return Flux.range(0, 300).map(i -> {
                ContextProbe.record("source item");
                return new Event(i, "view");
            });
        });

        StepVerifier.create(ContextProbe.within(client.appendAll(AppendOptions.of(t, true), rows,
                                // no linger: batches are cut by rows only, however slowly a loaded machine
                                // requests the source (a 50 ms linger once cut the first batch at 53 rows)
                                BatchingOptions.builder().maxRows(100).linger(Duration.ZERO).build())
                        .doOnNext(r -> ContextProbe.record("result"))
                        .map(BatchResult::rows)))
                .expectNext(100, 100, 100)
                .expectComplete().verify(TIMEOUT);

        ContextProbe.assertSeen("source", 1);
        ContextProbe.assertSeen("source item", 300);
        ContextProbe.assertSeen("result", 3);
    }

    @Test
    void uploadSourceSeesTheContextAndTheThreadLocals() {
        Flux<Event> rows = Flux.deferContextual(ctx -> {
            ContextProbe.recordContext("source", ctx);
            return Flux.range(0, 500).map(i -> {
                ContextProbe.record("source item");
                return new Event(i, "view");
            });
        });

        StepVerifier.create(ContextProbe.within(client.upload(
                        UploadOptions.of(TableRef.of("memory", "main", "context_upload"), UploadMode.CREATE), rows,
                        RowFormat.NDJSON, null)))
                .expectComplete().verify(TIMEOUT);

        ContextProbe.assertSeen("source", 1);
        ContextProbe.assertSeen("source item", 500);
    }

    @Test
    void aSharedAppendersCallerIsAnsweredWithItsOwnThreadLocals() {
        TableRef t = table("context_appender");
        TableAppender<Event> appender = client.appender(AppendOptions.of(t, true),
                BatchingOptions.builder().maxRows(10).linger(Duration.ofMillis(20)).build(), 100,
                CoalescingAppender.Overflow.WAIT);
        try {
            StepVerifier.create(ContextProbe.within(appender.append(new Event(1, "click"))
                            .doOnNext(ack -> ContextProbe.record("answer"))
                            .map(AppendResponse::ok)))
                    .expectNext(true)
                    .expectComplete().verify(TIMEOUT);
            ContextProbe.assertSeen("answer", 1);
        } finally {
            appender.closeGracefully().block(TIMEOUT);
        }
    }
}
