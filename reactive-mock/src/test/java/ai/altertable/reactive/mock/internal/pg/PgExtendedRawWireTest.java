package ai.altertable.reactive.mock.internal.pg;

import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.internal.MockRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The extended query protocol from a raw socket: message sequences, errors up to Sync, portals, formats. */
class PgExtendedRawWireTest {

    private static MockRuntime runtime;
    private static PgServer server;

    @BeforeAll
    static void start() {
        runtime = new MockRuntime(Map.of("alice", "pw-alice"), 2, ColumnShape.TYPED);
        server = new PgServer(runtime, "127.0.0.1", 0, PgServer.Authentication.CLEARTEXT);
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
    }

    /** Every test's results end with its connection (or earlier). */
    @org.junit.jupiter.api.AfterEach
    void noResultIsLeftOpen() {
        await().atMost(Duration.ofSeconds(30)).until(() -> server.openResults() == 0);
    }

    /** A message received: its type and body. */
    record Msg(char type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The values of a DataRow (null for NULL). */
        List<byte[]> values() {
            ByteBuffer b = ByteBuffer.wrap(body);
            List<byte[]> v = new ArrayList<>();
            for (int n = b.getShort(), i = 0; i < n; i++) {
                int len = b.getInt();
                byte[] x = len < 0 ? null : new byte[len];
                if (x != null) {
                    b.get(x);
                }
                v.add(x);
            }
            return v;
        }
    }

    /** A raw client with the extended-query messages. */
    static final class Wire implements AutoCloseable {
        final PgRawWireTest.Client c;

        Wire() throws IOException {
            c = new PgRawWireTest.Client(server.port());
            c.login();
        }

        private void send(char type, Body body) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            body.write(new DataOutputStream(bytes));
            c.out.writeByte(type);
            c.out.writeInt(4 + bytes.size());
            c.out.write(bytes.toByteArray());
            c.out.flush();
        }

        interface Body {
            void write(DataOutputStream d) throws IOException;
        }

        static void cString(DataOutputStream d, String s) throws IOException {
            d.write(s.getBytes(StandardCharsets.UTF_8));
            d.write(0);
        }

        Wire parse(String name, String sql, int... oids) throws IOException {
            send('P', d -> {
                cString(d, name);
                cString(d, sql);
                d.writeShort(oids.length);
                for (int o : oids) {
                    d.writeInt(o);
                }
            });
            return this;
        }

        /** Bind with text parameters and the given result formats. */
        Wire bind(String portal, String statement, List<String> params, int... resultFormats) throws IOException {
            List<byte[]> raw = new ArrayList<>();
            params.forEach(p -> raw.add(p == null ? null : p.getBytes(StandardCharsets.UTF_8)));
            return bindRaw(portal, statement, 0, raw, resultFormats);
        }

        Wire bindRaw(String portal, String statement, int paramFormat, List<byte[]> params, int... resultFormats)
                throws IOException {
            send('B', d -> {
                cString(d, portal);
                cString(d, statement);
                d.writeShort(1);
                d.writeShort(paramFormat);
                d.writeShort(params.size());
                for (byte[] p : params) {
                    d.writeInt(p == null ? -1 : p.length);
                    if (p != null) {
                        d.write(p);
                    }
                }
                d.writeShort(resultFormats.length);
                for (int f : resultFormats) {
                    d.writeShort(f);
                }
            });
            return this;
        }

        Wire describe(char kind, String name) throws IOException {
            send('D', d -> {
                d.writeByte(kind);
                cString(d, name);
            });
            return this;
        }

        Wire execute(String portal, int maxRows) throws IOException {
            send('E', d -> {
                cString(d, portal);
                d.writeInt(maxRows);
            });
            return this;
        }

        Wire close(char kind, String name) throws IOException {
            send('C', d -> {
                d.writeByte(kind);
                cString(d, name);
            });
            return this;
        }

        Wire sync() throws IOException {
            send('S', d -> { });
            return this;
        }

        Wire flush() throws IOException {
            send('H', d -> { });
            return this;
        }

        Wire query(String sql) throws IOException {
            c.message('Q', sql);
            return this;
        }

        /** The messages up to one of type {@code until}, inclusive. */
        List<Msg> until(char until) throws IOException {
            List<Msg> seen = new ArrayList<>();
            while (true) {
                char type = (char) c.in.readUnsignedByte();
                byte[] body = new byte[c.in.readInt() - 4];
                c.in.readFully(body);
                seen.add(new Msg(type, body));
                if (type == until) {
                    return seen;
                }
            }
        }

        /** The types of the messages up to ReadyForQuery, as {@link PgRawWireTest.Client#readUntil} spells them. */
        String untilReady() throws IOException {
            StringBuilder s = new StringBuilder();
            for (Msg m : until('Z')) {
                s.append(m.type());
                if (m.type() == 'E') {
                    s.append('[').append(PgRawWireTest.field(m.body(), 'C')).append(']');
                }
                if (m.type() == 'Z') {
                    s.append((char) m.body()[0]);
                }
            }
            return s.toString();
        }

        @Override
        public void close() throws IOException {
            c.close();
        }
    }

    @Test
    void parseDescribeBindExecuteSync() throws IOException {
        try (Wire w = new Wire()) {
            w.parse("", "SELECT $1::INTEGER + 1 AS n, $2 AS s", 0, 1043).describe('S', "").sync();
            List<Msg> m = w.until('Z');
            assertThat(m).extracting(Msg::type).containsExactly('1', 't', 'T', 'Z');
            assertThat(ByteBuffer.wrap(m.get(1).body()).getShort()).isEqualTo((short) 2);
            assertThat(ByteBuffer.wrap(m.get(1).body()).getInt(2)).isEqualTo(23); // inferred by DuckDB
            assertThat(ByteBuffer.wrap(m.get(1).body()).getInt(6)).isEqualTo(1043); // named by the client
            w.parse("", "SELECT $1::INTEGER + 1 AS n, 'x' AS s").bind("", "", List.of("41")).describe('P', "")
                    .execute("", 0).sync();
            m = w.until('Z');
            assertThat(m).extracting(Msg::type).containsExactly('1', '2', 'T', 'D', 'C', 'Z');
            assertThat(new String(m.get(3).values().get(0), StandardCharsets.UTF_8)).isEqualTo("42");
            assertThat(m.get(4).text()).isEqualTo("SELECT 1\0");
            w.parse("", "").bind("", "", List.of()).describe('P', "").execute("", 0).sync();
            assertThat(w.untilReady()).isEqualTo("12nIZI");
            w.parse("", "CREATE TABLE t_ddl (x INTEGER)").describe('S', "").bind("", "", List.of())
                    .execute("", 0).sync();
            assertThat(w.untilReady()).isEqualTo("1tn2CZI");
        }
    }

    @Test
    void flushSendsWhatIsPendingWithoutSync() throws IOException {
        try (Wire w = new Wire()) {
            w.parse("s", "SELECT 1").bind("", "s", List.of()).execute("", 0).flush();
            assertThat(w.until('C')).extracting(Msg::type).containsExactly('1', '2', 'D', 'C');
            w.sync();
            assertThat(w.untilReady()).isEqualTo("ZI");
        }
    }

    @Test
    void namedStatementsLiveUntilClosedPortalsUntilTheirTransactionEnds() throws IOException {
        try (Wire w = new Wire()) {
            w.parse("s1", "SELECT i FROM range(5) t(i)").sync();
            assertThat(w.untilReady()).isEqualTo("1ZI");
            w.parse("s1", "SELECT 2").bind("", "s1", List.of()).sync();
            assertThat(w.untilReady()).isEqualTo("E[42P05]ZI");
            w.bind("p1", "s1", List.of()).execute("p1", 2).execute("p1", 2).execute("p1", 2).sync();
            assertThat(w.untilReady()).isEqualTo("2DDsDDsDCZI");
            w.execute("p1", 0).sync(); // the implicit transaction ended at Sync, and its portals with it
            assertThat(w.untilReady()).isEqualTo("E[34000]ZI");
            w.bind("p2", "s1", List.of()).execute("p2", 0).close('P', "p2").close('S', "s1").sync();
            assertThat(w.untilReady()).isEqualTo("2DDDDDC33ZI");
            w.bind("p3", "s1", List.of()).sync();
            assertThat(w.untilReady()).isEqualTo("E[26000]ZI");
            w.describe('S', "nope").sync();
            assertThat(w.untilReady()).isEqualTo("E[26000]ZI");
            w.describe('P', "nope").sync();
            assertThat(w.untilReady()).isEqualTo("E[34000]ZI");
            w.close('S', "nope").close('P', "nope").sync(); // closing what does not exist is no error
            assertThat(w.untilReady()).isEqualTo("33ZI");
            w.parse("", "SELECT 1").parse("", "SELECT 2").bind("", "", List.of()).execute("", 0).sync();
            List<Msg> m = w.until('Z'); // the unnamed statement is replaced by the next Parse
            assertThat(new String(m.get(3).values().get(0), StandardCharsets.UTF_8)).isEqualTo("2");
        }
    }

    @Test
    void aPortalSuspendedInATransactionContinuesAcrossSyncs() throws IOException {
        try (Wire w = new Wire()) {
            w.query("BEGIN");
            assertThat(w.untilReady()).isEqualTo("CZT");
            w.parse("", "SELECT i FROM range(7) t(i)").bind("c", "", List.of()).execute("c", 3).sync();
            assertThat(w.untilReady()).isEqualTo("12DDDsZT");
            w.execute("c", 3).sync();
            List<Msg> m = w.until('Z');
            assertThat(m).extracting(Msg::type).containsExactly('D', 'D', 'D', 's', 'Z');
            assertThat(new String(m.get(0).values().get(0), StandardCharsets.UTF_8)).isEqualTo("3");
            w.execute("c", 3).sync();
            assertThat(w.untilReady()).isEqualTo("DCZT");
            w.query("COMMIT");
            assertThat(w.untilReady()).isEqualTo("CZI");
        }
    }

    @Test
    void anErrorSkipsToSyncAndFailsABlockOrRollsBackTheImplicitTransaction() throws IOException {
        try (Wire w = new Wire()) {
            w.query("CREATE TABLE tx_x (i INTEGER)");
            assertThat(w.untilReady()).isEqualTo("CZI");
            w.parse("", "INSERT INTO tx_x VALUES (1)").bind("", "", List.of()).execute("", 0)
                    .parse("", "SELEKT 1").bind("", "", List.of()).execute("", 0).sync();
            assertThat(w.untilReady()).isEqualTo("12CE[42601]ZI");
            w.query("SELECT count(*) FROM tx_x"); // the insert was in the implicit transaction: rolled back
            List<Msg> m = w.until('Z');
            assertThat(new String(m.get(1).values().get(0), StandardCharsets.UTF_8)).isEqualTo("0");
            w.parse("", "INSERT INTO tx_x VALUES (2)").bind("", "", List.of()).execute("", 0).sync();
            assertThat(w.untilReady()).isEqualTo("12CZI");
            w.query("BEGIN");
            assertThat(w.untilReady()).isEqualTo("CZT");
            w.parse("", "SELECT * FROM missing").bind("", "", List.of()).execute("", 0).sync();
            assertThat(w.untilReady()).isEqualTo("E[42P01]ZE");
            w.parse("", "SELECT 1").sync();
            assertThat(w.untilReady()).isEqualTo("E[25P02]ZE");
            w.parse("", "ROLLBACK").bind("", "", List.of()).execute("", 0).sync();
            assertThat(w.untilReady()).isEqualTo("12CZI");
            w.query("SELECT count(*) FROM tx_x");
            m = w.until('Z');
            assertThat(new String(m.get(1).values().get(0), StandardCharsets.UTF_8)).isEqualTo("1");
        }
    }

    /** One type: a literal of it, its value in binary format, and a parameter query that reads it back as text. */
    private record Binary(String literal, String hex, String parameterSql, String text) {
    }

    private static final List<Binary> BINARY = List.of(
            new Binary("(-2)::SMALLINT", "fffe", "SELECT $1::SMALLINT", "-2"),
            new Binary("42::INTEGER", "0000002a", "SELECT $1::INTEGER", "42"),
            new Binary("(-1)::BIGINT", "ffffffffffffffff", "SELECT $1::BIGINT", "-1"),
            new Binary("1.5::FLOAT", "3fc00000", "SELECT $1::FLOAT", "1.5"),
            new Binary("(-2.25)::DOUBLE", "c002000000000000", "SELECT $1::DOUBLE", "-2.25"),
            // 12.345: digits 12, 3450; weight 0; positive; scale 3
            new Binary("12.345::DECIMAL(10,3)", "0002000000000003000c0d7a", "SELECT $1::DECIMAL(10,3)", "12.345"),
            new Binary("(-0.0001)::DECIMAL(10,4)", "0001ffff400000040001", "SELECT $1::DECIMAL(10,4)", "-0.0001"),
            new Binary("true", "01", "SELECT $1::BOOLEAN", "t"),
            new Binary("'hé'::VARCHAR", "68c3a9", "SELECT $1::VARCHAR", "hé"),
            new Binary("'\\x00\\xff'::BLOB", "00ff", "SELECT $1::BLOB", "\\x00ff"),
            new Binary("DATE '2000-01-02'", "00000001", "SELECT $1::DATE", "2000-01-02"),
            new Binary("DATE '1999-12-31'", "ffffffff", "SELECT $1::DATE", "1999-12-31"),
            new Binary("TIME '00:00:01.5'", "000000000016e360", "SELECT $1::TIME", "00:00:01.5"),
            new Binary("TIMESTAMP '2000-01-01 00:00:01'", "00000000000f4240", "SELECT $1::TIMESTAMP",
                    "2000-01-01 00:00:01"),
            new Binary("TIMESTAMPTZ '1999-12-31 23:59:59+00'", "fffffffffff0bdc0", "SELECT $1::TIMESTAMPTZ",
                    "1999-12-31 23:59:59+00"),
            new Binary("'550e8400-e29b-41d4-a716-446655440000'::UUID", "550e8400e29b41d4a716446655440000",
                    "SELECT $1::UUID", "550e8400-e29b-41d4-a716-446655440000"),
            new Binary("'{\"a\":1}'::JSON", "7b2261223a317d", "SELECT $1::JSON", "{\"a\":1}"));

    @Test
    void binaryResultsAndParametersOfTheCommonTypes() throws IOException {
        try (Wire w = new Wire()) {
            for (Binary b : BINARY) {
                w.parse("", "SELECT " + b.literal() + " AS v").bind("", "", List.of(), 1).describe('P', "")
                        .execute("", 0).sync();
                List<Msg> m = w.until('Z');
                assertThat(m).as(b.literal()).extracting(Msg::type).containsExactly('1', '2', 'T', 'D', 'C', 'Z');
                byte[] t = m.get(2).body(); // one column: its format code is the last Int16
                assertThat(t[t.length - 1]).as("format of " + b.literal()).isEqualTo((byte) 1);
                assertThat(HexFormat.of().formatHex(m.get(3).values().get(0))).as(b.literal()).isEqualTo(b.hex());
                // and the same bytes as a binary parameter, read back in text
                w.parse("", b.parameterSql()).bindRaw("", "", 1, List.of(HexFormat.of().parseHex(b.hex())))
                        .execute("", 0).sync();
                m = w.until('Z');
                assertThat(m).as(b.parameterSql()).extracting(Msg::type).containsExactly('1', '2', 'D', 'C', 'Z');
                assertThat(new String(m.get(2).values().get(0), StandardCharsets.UTF_8)).as(b.parameterSql())
                        .isEqualTo(b.text());
            }
        }
    }

    @Test
    void binaryFormatForATypeWithoutABinaryEncoderIsAnError() throws IOException {
        try (Wire w = new Wire()) {
            w.parse("", "SELECT INTERVAL 3 DAY AS iv, 1 AS n").bind("", "", List.of(), 1).execute("", 0).sync();
            assertThat(w.untilReady()).isEqualTo("1E[42883]ZI");
            w.parse("", "SELECT INTERVAL 3 DAY AS iv, 1 AS n").bind("", "", List.of(), 0, 1).execute("", 0).sync();
            assertThat(w.untilReady()).isEqualTo("12DCZI"); // text for the interval, binary for the integer
        }
    }

    @Test
    void textParametersOfEveryKindAndNulls() throws IOException {
        try (Wire w = new Wire()) {
            w.parse("", "SELECT $1::INTEGER AS a, $2 AS b, $3::DATE AS c, $4 AS d", 0, 23, 0, 0)
                    .bind("", "", java.util.Arrays.asList("7", "8", "2024-02-29", null)).execute("", 0).sync();
            List<Msg> m = w.until('Z');
            List<byte[]> v = m.get(2).values();
            assertThat(new String(v.get(0), StandardCharsets.UTF_8)).isEqualTo("7");
            assertThat(new String(v.get(1), StandardCharsets.UTF_8)).isEqualTo("8");
            assertThat(new String(v.get(2), StandardCharsets.UTF_8)).isEqualTo("2024-02-29");
            assertThat(v.get(3)).isNull();
            w.parse("", "SELECT $1::INTEGER").bind("", "", List.of("x")).execute("", 0).sync();
            assertThat(w.untilReady()).isEqualTo("12E[22P02]ZI");
            w.parse("", "SELECT $1::INTEGER").bind("", "", List.of()).execute("", 0).sync();
            assertThat(w.untilReady()).isEqualTo("1E[08P01]ZI");
        }
    }

    @Test
    void rowsOfAnUnlimitedExecuteAreFetchedAsTheClientReadsAndStopWhenItGoes() throws IOException {
        long before = server.rowsFetched();
        int pausesBefore = server.pauses();
        try (Wire w = new Wire()) {
            w.parse("", "SELECT i, repeat('x', 100) FROM range(10000000) t(i)").bind("", "", List.of())
                    .execute("", 0).sync();
            // the client reads nothing: the server stops fetching once the socket and Netty's buffer are full
            await().atMost(Duration.ofMinutes(1)).until(() -> server.pauses() > pausesBefore);
            assertThat(server.rowsFetched() - before).isLessThan(200_000);
            assertThat(server.openResults()).isEqualTo(1);
        }
        // the client went away: the result ends instead of being fetched to its end
        await().atMost(Duration.ofMinutes(1)).until(() -> server.openResults() == 0);
        assertThat(server.rowsFetched() - before).isLessThan(200_000);
    }

    @Test
    void aSimpleQueryLeftUnreadEndsWhenTheClientGoes() throws IOException {
        int pausesBefore = server.pauses();
        try (Wire w = new Wire()) {
            w.query("SELECT i, repeat('x', 100) FROM range(10000000) t(i)");
            await().atMost(Duration.ofMinutes(1)).until(() -> server.pauses() > pausesBefore);
            assertThat(server.openResults()).isEqualTo(1);
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> server.openResults() == 0);
    }
}
