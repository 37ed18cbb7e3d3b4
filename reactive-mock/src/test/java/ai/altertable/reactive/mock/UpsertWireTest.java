package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /upsert} (protocol §11.2) over raw HTTP: key and cursor rules, the JSON quirk, validation texts. */
class UpsertWireTest {

    static AltertableMock mock;
    static RawHttp http;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
        http = new RawHttp(mock);
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static String newTable() {
        return "ups_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static RawHttp.Response upsert(String table, String params, String contentType, String body) {
        return http.post("/upsert?catalog=memory&schema=main&table=" + table + params, contentType, body);
    }

    private static void assertOk(RawHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.bytes()).isEmpty();
        assertThat(r.contentType()).isNull();
    }

    private static String rows(String sql) {
        List<String> lines = http.sql(sql).lines();
        return String.join("|", lines.subList(2, lines.size()));
    }

    @Test
    void createsThenMergesByKeyLastRowOfTheFileWinning() {
        String t = newTable();
        assertOk(upsert(t, "&primary_key=id", "text/csv", "id,v\n1,a\n2,b\n"));
        assertOk(upsert(t, "&primary_key=id&mode=whatever", "text/csv", "id,v\n2,B\n3,c\n3,C\n"));
        assertThat(rows("SELECT id, v FROM " + t + " ORDER BY id")).isEqualTo("[1,\"a\"]|[2,\"B\"]|[3,\"C\"]");
    }

    @Test
    void compositeKeysAndNullKeys() {
        String t = newTable();
        assertOk(upsert(t, "&primary_key=%20id,%20,region%20", "text/csv", "id,region,v\n1,eu,a\n1,us,b\n,eu,n\n"));
        assertOk(upsert(t, "&primary_key=id,region", "text/csv", "id,region,v\n1,us,B\n,eu,n2\n"));
        assertThat(rows("SELECT id, region, v FROM " + t + " ORDER BY id NULLS LAST, region, v"))
                .isEqualTo("[1,\"eu\",\"a\"]|[1,\"us\",\"B\"]|[null,\"eu\",\"n\"]|[null,\"eu\",\"n2\"]");
    }

    @Test
    void cursorDecidesWhoWins() {
        String t = newTable();
        assertOk(upsert(t, "&primary_key=id&cursor_field=ts", "text/csv", "id,ts,v\n1,5,a\n2,5,b\n3,,c\n"));
        // a lower, an equal and a greater cursor; NULL stored is beaten by any value
        assertOk(upsert(t, "&primary_key=id&cursor_field=ts", "text/csv", "id,ts,v\n1,4,lower\n2,5,equal\n3,1,beats-null\n"));
        assertThat(rows("SELECT id, ts, v FROM " + t + " ORDER BY id"))
                .isEqualTo("[1,5,\"a\"]|[2,5,\"b\"]|[3,1,\"beats-null\"]");
        assertOk(upsert(t, "&primary_key=id&cursor_field=ts", "text/csv", "id,ts,v\n1,9,later\n1,6,earlier\n"));
        assertThat(rows("SELECT v FROM " + t + " WHERE id = 1")).isEqualTo("[\"later\"]");
    }

    @Test
    void keyOnlyFilesInsertIfAbsent() {
        String t = newTable();
        assertOk(upsert(t, "&primary_key=id", "text/csv", "id,v\n1,a\n"));
        assertOk(upsert(t, "&primary_key=id", "text/csv", "id\n1\n2\n"));
        assertThat(rows("SELECT id, v FROM " + t + " ORDER BY id")).isEqualTo("[1,\"a\"]|[2,null]");
    }

    @Test
    void jsonIntoAnExistingTableNullsTheKeysItLeavesOut() {
        String t = newTable();
        assertOk(upsert(t, "&primary_key=id", "text/csv", "id,v,w\n1,a,x\n"));
        assertOk(upsert(t, "&primary_key=id", "application/json", "[{\"id\":1,\"v\":\"A\"}]"));
        assertThat(rows("SELECT id, v, w FROM " + t)).isEqualTo("[1,\"A\",null]");
        // CSV keeps what it leaves out
        assertOk(upsert(t, "&primary_key=id", "text/csv", "id,w\n1,y\n"));
        assertThat(rows("SELECT id, v, w FROM " + t)).isEqualTo("[1,\"A\",\"y\"]");
    }

    @Test
    void failures() {
        String t = newTable();
        assertOk(upsert(t, "&primary_key=id", "text/csv", "id\n1\n"));
        RawHttp.Response unknownColumn = upsert(t, "&primary_key=id", "text/csv", "id,nope\n1,2\n");
        assertThat(unknownColumn.status()).isEqualTo(400);
        assertThat(unknownColumn.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(unknownColumn.body()).startsWith("Failed to execute ingest: ");
        RawHttp.Response noKey = upsert(newTable(), "&primary_key=missing", "text/csv", "id\n1\n");
        assertThat(noKey.status()).isEqualTo(400);
        RawHttp.Response catalog = http.post("/upsert?catalog=nope&schema=main&table=t&primary_key=id", "text/csv",
                "id\n1\n");
        assertThat(catalog.status()).isEqualTo(400);
        assertThat(catalog.body()).startsWith("Catalog Error: ");
        RawHttp.Response empty = upsert(newTable(), "&primary_key=id", "text/csv", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).startsWith("Failed to execute ingest: ");
        assertThat(upsert(newTable(), "&primary_key=,", "text/csv", "id\n1\n").body())
                .isEqualTo("primary_key must name at least one column");
        assertThat(upsert(newTable(), "&primary_key=id&cursor_field=%20", "text/csv", "id\n1\n").body())
                .isEqualTo("cursor_field must name at least one column");
        assertThat(rows("SELECT id FROM " + t)).isEqualTo("[1]");
    }
}
