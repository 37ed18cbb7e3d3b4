package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.QueryException;
import ai.altertable.reactive.core.row.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link QueryStreamDecoder#decode} under Reactor: head before rows, failures after the rows before them, a fresh
 * decoder per subscription, and demand-driven decoding: rows are parsed only as requested, one ahead at most, and the
 * next chunk is taken only when the current one is used up.
 */
class QueryStreamDecoderReactiveTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String META = "{\"query_id\":\"q-42\"}";

    private static String rows(int from, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            sb.append("[").append(i).append(",\"row ").append(i).append(" é\"]\n");
        }
        return sb.toString();
    }

    private static Flux<byte[]> chunksOf(String body, int size, boolean fused) {
        Flux<byte[]> chunks = Flux.fromIterable(DecodeRun.split(Bodies.utf8(body), size));
        return fused ? chunks : chunks.hide();
    }

    private static Flux<Row> decode(Flux<byte[]> chunks, List<Object> events) {
        return QueryStreamDecoder.decode(chunks, DecodeRun.DEFAULT_MAX_LINE, DecodeRun.CONTEXT, events::add)
                .doOnNext(events::add);
    }

    @ParameterizedTest(name = "fused source: {0}")
    @ValueSource(booleans = {true, false})
    void theHeadComesOnceBeforeTheRowsThenTheStreamCompletes(boolean fused) {
        List<Object> events = new CopyOnWriteArrayList<>();
        Flux<Row> rows = decode(chunksOf(META + "\n[\"n\",\"s\"]\n" + rows(0, 50), 7, fused), events);

        StepVerifier.create(rows).expectNextCount(50).expectComplete().verify(TIMEOUT);

        assertThat(events).hasSize(51);
        assertThat(events.get(0)).isInstanceOfSatisfying(QueryHead.class,
                head -> assertThat(head.metadata().queryId()).isEqualTo("q-42"));
        assertThat(((Row) events.get(50)).get("s")).isEqualTo("row 49 é");
    }

    @ParameterizedTest(name = "fused source: {0}")
    @ValueSource(booleans = {true, false})
    void rowsOfOneBigChunkAreDecodedOnlyAsDemandedAndOneAheadAtMost(boolean fused) {
        AtomicReference<QueryStreamDecoder> decoder = new AtomicReference<>();
        Flux<byte[]> oneChunk = chunksOf(META + "\n[\"n\",\"s\"]\n" + rows(0, 1_000), Integer.MAX_VALUE, fused);
        Flux<Row> rows = QueryStreamDecoder.decode(oneChunk, () -> {
            decoder.set(new QueryStreamDecoder(DecodeRun.DEFAULT_MAX_LINE, DecodeRun.CONTEXT, head -> { }));
            return decoder.get();
        });

        StepVerifier.create(rows, 0)
                .expectSubscription()
                .then(() -> assertThat(decoder.get().rowsDecoded()).isLessThanOrEqualTo(1))
                .thenRequest(1)
                .assertNext(row -> assertThat(row.get("n")).isEqualTo(0L))
                .then(() -> assertThat(decoder.get().rowsDecoded()).isLessThanOrEqualTo(2))
                .thenRequest(10)
                .expectNextCount(10)
                .then(() -> assertThat(decoder.get().rowsDecoded()).isBetween(11L, 12L))
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(decoder.get().rowsDecoded()).isLessThanOrEqualTo(12);
    }

    @Test
    void theNextChunkIsTakenOnlyWhenTheCurrentOneIsUsedUp() {
        AtomicInteger chunksEmitted = new AtomicInteger();
        List<String> chunks = new ArrayList<>();
        chunks.add(META + "\n[\"n\",\"s\"]\n");
        for (int c = 0; c < 100; c++) {
            chunks.add(rows(c * 10, 10));
        }
        Flux<byte[]> source = Flux.fromIterable(chunks).map(Bodies::utf8).doOnNext(c -> chunksEmitted.incrementAndGet());
        Flux<Row> rows = QueryStreamDecoder.decode(source, DecodeRun.DEFAULT_MAX_LINE, DecodeRun.CONTEXT, h -> { });

        StepVerifier.create(rows, 5)
                .expectNextCount(5)
                .then(() -> assertThat(chunksEmitted.get()).as("the head chunk, the chunk in use, one prefetched")
                        .isLessThanOrEqualTo(3))
                .thenRequest(20)
                .expectNextCount(20)
                .then(() -> assertThat(chunksEmitted.get()).isLessThanOrEqualTo(5))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void anErrorLineArrivesAfterTheRowsBeforeIt() {
        List<Object> events = new CopyOnWriteArrayList<>();
        Flux<Row> rows = decode(chunksOf(META + "\n[\"n\",\"s\"]\n" + rows(0, 3) + "{\"error\":\"disk full\"}\n"
                + rows(3, 3), 4, false), events);

        StepVerifier.create(rows)
                .expectNextCount(3)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(QueryException.class, q -> {
                    assertThat(q.lineNumber()).isEqualTo(6);
                    assertThat(q.queryId()).isEqualTo("q-42");
                    assertThat(q.serverMessage()).isEqualTo("disk full");
                }))
                .verify(TIMEOUT);
    }

    @Test
    void aBodyEndingAfterTheMetadataIsANetworkError() {
        StepVerifier.create(decode(chunksOf(META + "\n", 3, false), new ArrayList<>()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NetworkException.class)
                        .hasMessageContaining("stream ended early"))
                .verify(TIMEOUT);
    }

    @Test
    void aZeroRowResultCompletesAfterTheHead() {
        List<Object> events = new CopyOnWriteArrayList<>();

        StepVerifier.create(decode(chunksOf(META + "\n[]\n", 2, false), events)).expectComplete().verify(TIMEOUT);

        assertThat(events).singleElement().isInstanceOf(QueryHead.class);
    }

    @Test
    void eachSubscriptionDecodesWithAFreshDecoder() {
        List<Object> events = new CopyOnWriteArrayList<>();
        Flux<Row> rows = decode(chunksOf(META + "\n[\"n\",\"s\"]\n" + rows(0, 5), 9, true), events);

        StepVerifier.create(rows).expectNextCount(5).expectComplete().verify(TIMEOUT);
        StepVerifier.create(rows).expectNextCount(5).expectComplete().verify(TIMEOUT);

        assertThat(events).filteredOn(QueryHead.class::isInstance).hasSize(2);
    }

    @Test
    void aFailureOfTheChunksPassesThroughUnchangedAfterTheRowsBeforeIt() {
        NetworkException reset = new NetworkException("connection reset", DecodeRun.CONTEXT);
        Flux<byte[]> chunks = chunksOf(META + "\n[\"n\",\"s\"]\n" + rows(0, 4), 1000, false).concatWith(Flux.error(reset));

        StepVerifier.create(decode(chunks, new ArrayList<>()))
                .expectNextCount(4)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(reset))
                .verify(TIMEOUT);
    }

    @Test
    void cancellingStopsDecoding() {
        AtomicReference<QueryStreamDecoder> decoder = new AtomicReference<>();
        Flux<byte[]> oneChunk = chunksOf(META + "\n[\"n\",\"s\"]\n" + rows(0, 1_000), Integer.MAX_VALUE, false);
        Flux<Row> rows = QueryStreamDecoder.decode(oneChunk, () -> {
            decoder.set(new QueryStreamDecoder(DecodeRun.DEFAULT_MAX_LINE, DecodeRun.CONTEXT, head -> { }));
            return decoder.get();
        });

        StepVerifier.create(rows.take(3)).expectNextCount(3).expectComplete().verify(TIMEOUT);

        assertThat(decoder.get().rowsDecoded()).isLessThanOrEqualTo(4);
    }
}
