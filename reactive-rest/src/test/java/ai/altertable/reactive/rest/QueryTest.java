package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.QueryException;
import ai.altertable.reactive.core.ResponseParseException;
import ai.altertable.reactive.core.model.QueryFormat;
import ai.altertable.reactive.core.model.QueryRequest;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.FaultPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTest {

    static AltertableMock mock;
    static AltertableMock namesMock;
    static LakehouseClient client;
    static LakehouseClient namesClient;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
        namesMock = AltertableMock.builder().user("alice", "secret").columnShape(ColumnShape.NAMES).start();
        client = LakehouseClient.create(mock.baseUrl(), mock.credentials());
        namesClient = LakehouseClient.create(namesMock.baseUrl(), namesMock.credentials());
    }

    @AfterAll
    static void stop() {
        client.close();
        namesClient.close();
        mock.close();
        namesMock.close();
    }

    record Person(long id, String name, BigDecimal score) {
    }

    @Test
    void streamsTypedRows() {
        StepVerifier.create(client.query("SELECT 9223372036854775807 AS big, 1.50::DECIMAL(10,2) AS d, "
                        + "DATE '2024-03-01' AS day, TIMESTAMP '2024-03-01 13:45:00.123456' AS ts, "
                        + "TIMESTAMPTZ '2024-03-01 13:45:00+00' AS tz, '550e8400-e29b-41d4-a716-446655440000'::UUID AS u, "
                        + "[1, 2, NULL] AS l, {'a': 1, 'b': 'x'} AS s, 'é日本🙂' AS text, 170141183460469231731687303715884105727::HUGEINT AS h"))
                .assertNext(r -> {
                    assertThat(r.get("big")).isEqualTo(Long.MAX_VALUE);
                    assertThat(r.getBigDecimal("d")).isEqualTo(new BigDecimal("1.50"));
                    assertThat(r.getLocalDate("day")).isEqualTo(LocalDate.of(2024, 3, 1));
                    assertThat(r.getLocalDateTime("ts")).isEqualTo(LocalDateTime.of(2024, 3, 1, 13, 45, 0, 123_456_000));
                    assertThat(r.getOffsetDateTime("tz")).isEqualTo(OffsetDateTime.parse("2024-03-01T13:45:00Z"));
                    assertThat(r.getUuid("u")).isEqualTo(UUID.fromString("550e8400-e29b-41d4-a716-446655440000"));
                    assertThat(r.getList("l")).containsExactly(1, 2, null);
                    assertThat(r.getMap("s")).isEqualTo(Map.of("a", 1, "b", "x"));
                    assertThat(r.getString("text")).isEqualTo("é日本🙂");
                    assertThat(r.get("h")).isInstanceOf(BigInteger.class);
                })
                .verifyComplete();
    }

    @Test
    void bothColumnShapesDecode() {
        for (LakehouseClient c : List.of(client, namesClient)) {
            StepVerifier.create(c.query("SELECT 1 AS id, 'Ann' AS name, 2.5 AS score", Person.class))
                    .expectNext(new Person(1, "Ann", new BigDecimal("2.5")))
                    .verifyComplete();
        }
        StepVerifier.create(namesClient.queryAll("SELECT 1 AS id WHERE false"))
                .assertNext(r -> {
                    assertThat(r.columns().size()).isZero(); // the official mock loses the names of empty results
                    assertThat(r.rows()).isEmpty();
                })
                .verifyComplete();
        StepVerifier.create(client.queryAll("SELECT 1 AS id WHERE false"))
                .assertNext(r -> assertThat(r.columns().names()).containsExactly("id"))
                .verifyComplete();
    }

    @Test
    void handlerSeesMetadataAndColumns() {
        String queryId = "7a3c2f7e-1111-4222-8333-444455556666";
        StepVerifier.create(client.query(QueryRequest.builder().statement("SELECT 42 AS answer").queryId(queryId).build(),
                        result -> result.rows().map(r -> result.queryId() + " " + result.columns().column(0).typeName()
                                + " " + r.getInt(0))))
                .expectNext(queryId + " INTEGER 42")
                .verifyComplete();
    }

    @Test
    void sqlErrorIsAQueryExceptionWithLineAndQueryId() {
        StepVerifier.create(client.query("SELECT * FROM no_such_table"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(QueryException.class);
                    QueryException q = (QueryException) e;
                    assertThat(q.lineNumber()).isEqualTo(2);
                    assertThat(q.queryId()).isNotNull();
                    assertThat(q.serverMessage()).contains("no_such_table");
                })
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void errorAfterRowsComesAfterThoseRows() {
        LakehouseClient faulty = client.withOptions(client.options().mutate()
                .httpClient(h -> h.headers(x -> x.set(FaultPlan.HEADER, "error-after-rows=3"))).build());
        StepVerifier.create(faulty.query("SELECT i FROM range(10) t(i)").map(r -> r.getLong(0)))
                .expectNext(0L, 1L, 2L)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
                        .satisfies(q -> assertThat(((QueryException) q).lineNumber()).isEqualTo(6)))
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void truncatedStreamIsANetworkErrorNeverAShortResult() {
        LakehouseClient faulty = client.withOptions(client.options().mutate()
                .httpClient(h -> h.headers(x -> x.set(FaultPlan.HEADER, "close-after-bytes=400"))).build());
        StepVerifier.create(faulty.query("SELECT i FROM range(1000) t(i)").count())
                .expectError(NetworkException.class)
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void splitsAtEveryFewBytesIncludingInsideUtf8() {
        LakehouseClient faulty = client.withOptions(client.options().mutate()
                .httpClient(h -> h.headers(x -> x.set(FaultPlan.HEADER, "chunk-bytes=3"))).build());
        StepVerifier.create(faulty.query("SELECT i, 'é日本🙂' || i AS s FROM range(50) t(i)").map(r -> r.getString(1)))
                .expectNextSequence(java.util.stream.IntStream.range(0, 50).mapToObj(i -> "é日本🙂" + i).toList())
                .verifyComplete();
    }

    @Test
    void lineLongerThanTheLimitIsAParseError() {
        LakehouseClient small = client.withOptions(client.options().mutate().maxLineBytes(4096).build());
        StepVerifier.create(small.query("SELECT repeat('x', 100000) AS big"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ResponseParseException.class)
                        .hasMessageContaining("4096"))
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void queryIsColdAndRunsPerSubscription() {
        Flux<Row> q = client.query("SELECT 1");
        StepVerifier.create(q).expectNextCount(1).verifyComplete();
        StepVerifier.create(q).expectNextCount(1).verifyComplete();
    }

    @Test
    void exportFormatsAreByteStreams() {
        StepVerifier.create(client.queryFormat(QueryRequest.of("SELECT 1 AS a, 'x' AS b"), QueryFormat.CSV)
                        .map(b -> StandardCharsets.UTF_8.decode(b).toString())
                        .reduce(String::concat))
                .expectNext("a,b\n1,x\n")
                .verifyComplete();
        StepVerifier.create(client.queryFormat(QueryRequest.of("SELECT 42 AS n"), QueryFormat.PARQUET)
                        .map(ByteBuffer::remaining).reduce(Integer::sum))
                .assertNext(size -> assertThat(size).isGreaterThan(4))
                .verifyComplete();
    }
}
