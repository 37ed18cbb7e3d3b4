package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.QueryException;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.FaultPlan;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder on real bodies: the in-process mock over loopback HTTP, in both column shapes, with the body trickled
 * in 7-byte chunks (splitting lines and UTF-8 characters) and with an error line injected after rows.
 */
class QueryStreamDecoderAgainstMockTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SQL = "SELECT i AS id, 'é日本🎉 ' || i AS name, [i, i + 1] AS pair, {'a': i, 'b': 'x'} AS st, "
            + "18446744073709551615::UBIGINT AS big, NULL AS nothing FROM range(300) t(i)";

    static AltertableMock typed;
    static AltertableMock names;

    @BeforeAll
    static void start() {
        typed = AltertableMock.start();
        names = AltertableMock.builder().columnShape(ColumnShape.NAMES).start();
    }

    @AfterAll
    static void stop() {
        typed.close();
        names.close();
    }

    private static Flux<byte[]> body(AltertableMock mock, String sql, String fault) {
        String json = "{\"statement\":\"" + sql.replace("\"", "\\\"") + "\"}";
        return HttpClient.create().baseUrl(mock.baseUrl().toString())
                .headers(h -> {
                    h.set(HttpHeaderNames.AUTHORIZATION, mock.credentials().authorizationHeader());
                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    if (fault != null) {
                        h.set(FaultPlan.HEADER, fault);
                    }
                })
                .post().uri("/query")
                .send(ByteBufFlux.fromString(Mono.just(json)))
                .responseContent().asByteArray();
    }

    private static List<Row> rows(AltertableMock mock, String fault, List<QueryHead> heads) {
        return QueryStreamDecoder.decode(body(mock, SQL, fault), 1 << 20, DecodeRun.CONTEXT, heads::add)
                .collectList().block(TIMEOUT);
    }

    @Test
    void typedRowsAreTheSameWholeAndTrickled() {
        List<QueryHead> heads = new CopyOnWriteArrayList<>();
        List<Row> whole = rows(typed, null, heads);
        List<Row> trickled = rows(typed, "chunk-bytes=7", heads);

        assertThat(whole).hasSize(300).isEqualTo(trickled);
        assertThat(heads).hasSize(2);
        assertThat(heads.get(0).columns().column(4).typeName()).isEqualTo("UBIGINT");
        assertThat(heads.get(0).metadata().queryId()).isNotBlank();
        Row last = whole.get(299);
        assertThat(last.get("name")).isEqualTo("é日本🎉 299");
        assertThat(last.get("pair", List.class)).containsExactly(299L, 300L);
        assertThat(last.get("big")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(last.isNull("nothing")).isTrue();
    }

    @Test
    void nameOnlyRowsAreTheSameWholeAndTrickled() {
        List<QueryHead> heads = new CopyOnWriteArrayList<>();
        List<Row> whole = rows(names, null, heads);
        List<Row> trickled = rows(names, "chunk-bytes=7", heads);

        assertThat(whole).hasSize(300).isEqualTo(trickled);
        assertThat(heads.get(1).columns().names()).containsExactly("id", "name", "pair", "st", "big", "nothing");
        assertThat(heads.get(1).columns().column(0).typeName()).isNull();
        assertThat(whole.get(7).get("big")).isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void anInjectedErrorAfterRowsComesAfterThoseRowsWithTheMetadataQueryId() {
        List<QueryHead> heads = new CopyOnWriteArrayList<>();
        Flux<Row> rows = QueryStreamDecoder.decode(body(typed, SQL, "error-after-rows=5; chunk-bytes=11"), 1 << 20,
                DecodeRun.CONTEXT, heads::add);

        StepVerifier.create(rows)
                .expectNextCount(5)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(QueryException.class, q -> {
                    assertThat(q.lineNumber()).isEqualTo(8);
                    assertThat(q.queryId()).isEqualTo(heads.get(0).metadata().queryId());
                }))
                .verify(TIMEOUT);
    }

    @Test
    void aSqlErrorIsAQueryErrorOnLine2() {
        StepVerifier.create(QueryStreamDecoder.decode(body(names, "SELECT * FROM nope", "chunk-bytes=3"), 1 << 20,
                        DecodeRun.CONTEXT, head -> { }))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(QueryException.class, q -> {
                    assertThat(q.lineNumber()).isEqualTo(2);
                    assertThat(q.serverMessage()).startsWith("Failed to prepare statement").contains("nope");
                }))
                .verify(TIMEOUT);
    }
}
