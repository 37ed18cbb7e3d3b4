package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.ResponseParseException;
import ai.altertable.reactive.core.row.Row;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link QueryStreamDecoder#decode} over the transport's own buffers ({@link DecodedRows}): the same rows as the
 * decoder gives for arrays however the buffers cut the body, every buffer released exactly once whatever ends the
 * stream, and the end of the stream signalled without a request beyond the last row.
 */
class DecodedRowsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String META = "{\"query_id\":\"q-7\"}";

    private static List<byte[]> cutAt(byte[] body, int... offsets) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int offset : offsets) {
            chunks.add(Arrays.copyOfRange(body, from, offset));
            from = offset;
        }
        chunks.add(Arrays.copyOfRange(body, from, body.length));
        return chunks;
    }

    /** Decodes the buffers with unbounded demand; every buffer must then be released. */
    private static Decoded decode(TransportChunks chunks, int maxLineBytes) {
        List<QueryHead> heads = new CopyOnWriteArrayList<>();
        List<Row> rows = new CopyOnWriteArrayList<>();
        RuntimeException failure = null;
        try {
            QueryStreamDecoder.decode(chunks.flux(), maxLineBytes, DecodeRun.CONTEXT, heads::add)
                    .doOnNext(rows::add).blockLast(TIMEOUT);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            assertThat(chunks.unreleased()).as("buffers not released").isEmpty();
        }
        return new Decoded(heads.isEmpty() ? null : heads.get(0), heads.size(), rows, failure);
    }

    @Test
    void everySplitPointOfBuffersGivesWhatTheWholeArrayGives() {
        byte[] body = Bodies.lines(Bodies.body(Bodies.NAME_COLUMNS, Bodies.ROWS)); // 2-, 3- and 4-byte characters
        Decoded whole = DecodeRun.whole(body);
        assertThat(whole.rows()).hasSize(Bodies.ROWS.size());

        for (int cut = 0; cut <= body.length; cut++) {
            TransportChunks chunks = new TransportChunks(cutAt(body, cut));
            assertThat(decode(chunks, DecodeRun.DEFAULT_MAX_LINE).sameAs(whole)).as("cut at byte %d", cut).isTrue();
        }
    }

    @Test
    void everyPairOfSplitPointsThroughMultiByteCharactersGivesTheWholeResult() {
        byte[] body = Bodies.lines(META, "[\"a\",\"b\"]", "[\"é日\",{\"🎉\":[1.50]}]", "[-1,\"𝄞\"]");
        Decoded whole = DecodeRun.whole(body);
        assertThat(whole.rows()).hasSize(2);

        for (int first = 0; first <= body.length; first++) {
            for (int second = first; second <= body.length; second++) {
                TransportChunks chunks = new TransportChunks(cutAt(body, first, second));
                assertThat(decode(chunks, DecodeRun.DEFAULT_MAX_LINE).sameAs(whole))
                        .as("cuts at %d and %d", first, second).isTrue();
            }
        }
    }

    @Test
    void oneByteBuffersAndLargerOnesAfterThemReuseTheCopyWithoutMixingChunks() {
        // one-byte buffers first, then large ones: the copy array is reused and grown; each chunk must be read alone
        byte[] body = Bodies.lines(Bodies.body(Bodies.TYPED_COLUMNS, Bodies.TYPED_ROWS));
        List<byte[]> chunks = new ArrayList<>(DecodeRun.split(Arrays.copyOfRange(body, 0, 40), 1));
        chunks.addAll(DecodeRun.split(Arrays.copyOfRange(body, 40, body.length), 100));

        assertThat(decode(new TransportChunks(chunks), DecodeRun.DEFAULT_MAX_LINE).sameAs(DecodeRun.whole(body)))
                .isTrue();
    }

    @Test
    void anOverlongLineFailsAfterTheRowsBeforeItAndEveryBufferIsReleased() {
        byte[] body = (META + "\n[\"s\"]\n[\"a\"]\n[\"b\"]\n[\"" + "x".repeat(100) + "\"]\n[\"c\"]\n")
                .getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= body.length; size += 3) {
            TransportChunks chunks = new TransportChunks(DecodeRun.split(body, size));
            Decoded decoded = decode(chunks, 50);

            assertThat(decoded.cells()).as("chunks of %d", size).containsExactly(List.of("a"), List.of("b"));
            assertThat(decoded.failure()).as("chunks of %d", size).isInstanceOfSatisfying(
                    ResponseParseException.class, e -> assertThat(e.getMessage()).contains("maximum line size of 50"));
        }
    }

    @Test
    void aBodyEndingInsideARowFailsAndEveryBufferIsReleased() {
        TransportChunks chunks = new TransportChunks(DecodeRun.split(Bodies.utf8(META + "\n[\"n\"]\n[1]\n[2"), 5));

        Decoded decoded = decode(chunks, DecodeRun.DEFAULT_MAX_LINE);

        assertThat(decoded.cells()).containsExactly(List.of(1L));
        assertThat(decoded.failure()).isInstanceOf(NetworkException.class).hasMessageContaining("stream ended early");
    }

    @Test
    void cancellingInsideABufferReleasesItAndTheOneWaiting() {
        StringBuilder body = new StringBuilder(META + "\n[\"n\"]\n");
        for (int i = 0; i < 300; i++) {
            body.append('[').append(i).append("]\n");
        }
        TransportChunks chunks = new TransportChunks(DecodeRun.split(Bodies.utf8(body.toString()), 512));
        try {
            StepVerifier.create(QueryStreamDecoder.decode(chunks.flux(), 1 << 20, DecodeRun.CONTEXT, h -> { }), 3)
                    .expectNextCount(3)
                    .then(() -> assertThat(chunks.made()).as("the buffer being decoded and one waiting").isEqualTo(2))
                    .thenCancel()
                    .verify(TIMEOUT);

            assertThat(chunks.unreleased()).isEmpty();
        } finally {
            chunks.releaseLeftovers();
        }
    }

    @Test
    void aStreamWhoseRowsWereAllRequestedCompletesWithoutAFurtherRequest() {
        byte[] body = Bodies.utf8(META + "\n[\"n\"]\n[1]\n[2]\n[3]\n");
        for (int size : new int[] {1, 4, body.length}) {
            TransportChunks chunks = new TransportChunks(DecodeRun.split(body, size));

            StepVerifier.create(QueryStreamDecoder.decode(chunks.flux(), 1 << 20, DecodeRun.CONTEXT, h -> { }), 3)
                    .expectNextCount(3)
                    .expectComplete()
                    .verify(TIMEOUT);
            StepVerifier.create(QueryStreamDecoder.decode(Flux.just(body), 1 << 20, DecodeRun.CONTEXT, h -> { }), 3)
                    .expectNextCount(3)
                    .expectComplete()
                    .verify(TIMEOUT);
            assertThat(chunks.unreleased()).isEmpty();
        }
    }

    @Test
    void aFailureOfTheBuffersAfterTheLastRowRequestedIsSignalledWithoutAFurtherRequest() {
        NetworkException reset = new NetworkException("connection reset", DecodeRun.CONTEXT);
        TransportChunks chunks = new TransportChunks(List.of(Bodies.utf8(META + "\n[\"n\"]\n[1]\n[2]\n")));

        StepVerifier.create(QueryStreamDecoder.decode(chunks.flux().concatWith(Flux.error(reset)), 1 << 20,
                        DecodeRun.CONTEXT, h -> { }), 2)
                .expectNextCount(2)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(reset))
                .verify(TIMEOUT);
        assertThat(chunks.unreleased()).isEmpty();
    }

    @Test
    void aStreamWaitingForItsFirstChunkHasNoParserYet() {
        AtomicInteger made = new AtomicInteger();
        Sinks.Many<byte[]> body = Sinks.many().unicast().onBackpressureBuffer();
        Flux<Row> rows = QueryStreamDecoder.decode(body.asFlux(), () -> {
            made.incrementAndGet();
            return new QueryStreamDecoder(1 << 20, DecodeRun.CONTEXT, h -> { });
        });

        StepVerifier.create(rows)
                .expectSubscription()
                .then(() -> assertThat(made).as("no chunk yet").hasValue(0))
                .then(() -> body.tryEmitNext(Bodies.utf8(META + "\n[\"n\"]\n[1]\n")))
                .expectNextCount(1)
                .then(() -> assertThat(made).hasValue(1))
                .then(body::tryEmitComplete)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void buffersArrivingOnAnotherThreadThanTheRequestsGiveEveryRowOnce() {
        StringBuilder text = new StringBuilder(META + "\n[\"n\",\"s\"]\n");
        for (int i = 0; i < 2_000; i++) {
            text.append('[').append(i).append(",\"é").append(i).append("\"]\n");
        }
        byte[] body = Bodies.utf8(text.toString());
        Random random = new Random(20261206);
        for (int run = 0; run < 20; run++) {
            List<Integer> cuts = new ArrayList<>();
            for (int at = random.nextInt(300); at < body.length; at += 1 + random.nextInt(300)) {
                cuts.add(at);
            }
            TransportChunks chunks = new TransportChunks(cutAt(body, cuts.stream().mapToInt(i -> i).toArray()));
            // buffers arrive on a worker, requests come from the test thread: the drain loop runs on both
            List<Long> ids = new CopyOnWriteArrayList<>();
            Flux<Row> rows = QueryStreamDecoder.decode(chunks.flux().subscribeOn(Schedulers.parallel()), 1 << 20,
                    DecodeRun.CONTEXT, h -> { }).doOnNext(row -> ids.add(row.getLong(0)));
            StepVerifier.create(rows, 0)
                    .thenRequest(1)
                    .expectNextCount(1)
                    .thenRequest(499)
                    .expectNextCount(499)
                    .thenRequest(1_500)
                    .expectNextCount(1_500)
                    .expectComplete()
                    .verify(TIMEOUT);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(ids.get(i)).as("run %d, row %d", run, i).isEqualTo(i);
            }
            assertThat(chunks.unreleased()).isEmpty();
        }
    }
}
