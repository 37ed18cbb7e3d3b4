package ai.altertable.reactive.mock.internal.pg;

import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.internal.MockRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** CancelRequest (57014 for the right key, nothing for a wrong one) and statements stopped when their client leaves. */
class PgCancelWireTest {

    /** A cross join DuckDB cannot finish in any test's lifetime: only an interrupt ends it. */
    static final String ENDLESS = "SELECT sum((a.range * b.range) % 7) FROM range(1000000) a, range(1000000) b";

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

    private static Connection connect() throws SQLException {
        return connect("simple");
    }

    /** pgjdbc in the given query mode: {@code simple} (Query messages) or {@code extended} (Parse/Bind/Execute). */
    private static Connection connect(String mode) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "alice");
        p.setProperty("password", "pw-alice");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/memory?preferQueryMode=" + mode, p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void pgjdbcCancelStopsALongQueryWith57014AndTheConnectionGoesOn(String mode) throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (Connection c = connect(mode); Statement s = c.createStatement()) {
            int before = server.openStatements();
            CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = s.executeQuery(ENDLESS)) {
                    return rs.next();
                } catch (SQLException e) {
                    return e;
                }
            }, caller);
            await().atMost(Duration.ofMinutes(1)).until(() -> server.openStatements() > before);
            s.cancel();
            Object outcome = run.get(2, TimeUnit.MINUTES); // a safety net: the interrupt ends it long before
            assertThat(outcome).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("57014");
                assertThat(e.getMessage()).contains("canceling statement due to user request");
            });
            assertThat(server.openStatements()).isEqualTo(before);
            try (ResultSet rs = s.executeQuery("SELECT 'still here'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aCancelInsideATransactionBlockFailsTheBlock() throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            int before = server.openStatements();
            CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.execute(ENDLESS);
                } catch (SQLException e) {
                    return e;
                }
            }, caller);
            await().atMost(Duration.ofMinutes(1)).until(() -> server.openStatements() > before);
            s.cancel();
            assertThat(run.get(2, TimeUnit.MINUTES)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            assertThatThrownBy(() -> s.execute("SELECT 1")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
            c.rollback();
            c.setAutoCommit(true);
            assertThat(s.execute("SELECT 1")).isTrue();
        } finally {
            caller.shutdownNow();
        }
    }

    /** Logs in and returns the BackendKeyData: process id and secret. */
    private static int[] login(PgRawWireTest.Client c) throws IOException {
        c.startup(196608, "alice");
        assertThat(c.readUntil('R')).isEqualTo("R");
        c.message('p', "pw-alice");
        int[] key = null;
        while (true) {
            char type = (char) c.in.readUnsignedByte();
            byte[] body = new byte[c.in.readInt() - 4];
            c.in.readFully(body);
            if (type == 'K') {
                DataInputStream k = new DataInputStream(new java.io.ByteArrayInputStream(body));
                key = new int[] {k.readInt(), k.readInt()};
            } else if (type == 'Z') {
                assertThat(key).isNotNull();
                return key;
            }
        }
    }

    private static void sendCancel(int processId, int secret) throws IOException {
        try (PgRawWireTest.Client cancel = new PgRawWireTest.Client(server.port())) {
            cancel.out.writeInt(16);
            cancel.out.writeInt(PgSession.CANCEL_REQUEST);
            cancel.out.writeInt(processId);
            cancel.out.writeInt(secret);
            cancel.out.flush();
            assertThat(cancel.in.read()).as("closed without an answer").isEqualTo(-1);
        }
    }

    /** Reads the rest of a result: its row count, then what follows up to ReadyForQuery. */
    private static String drain(PgRawWireTest.Client c, int[] rows) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (true) {
            char type = (char) c.in.readUnsignedByte();
            byte[] body = new byte[c.in.readInt() - 4];
            c.in.readFully(body);
            if (type == 'D') {
                rows[0]++;
                continue;
            }
            seen.append(type);
            if (type == 'E') {
                seen.append('[').append(PgRawWireTest.field(body, 'C')).append(']');
            }
            if (type == 'Z') {
                return seen.append((char) body[0]).toString();
            }
        }
    }

    @Test
    void aWrongKeyDoesNothingAndTheRightKeyCancels() throws IOException {
        try (PgRawWireTest.Client c = new PgRawWireTest.Client(server.port())) {
            int[] key = login(c);
            int pauses = server.pauses();
            c.message('Q', "SELECT i, repeat('x', 100) FROM range(300000) t(i)");
            await().atMost(Duration.ofMinutes(1)).until(() -> server.pauses() > pauses); // running, client not reading
            sendCancel(key[0], key[1] + 1);
            sendCancel(key[0] + 1, key[1]);
            int[] rows = {0};
            assertThat(drain(c, rows)).isEqualTo("TCZI");
            assertThat(rows[0]).isEqualTo(300_000);

            int again = server.pauses();
            c.message('Q', "SELECT i, repeat('x', 100) FROM range(300000) t(i)");
            await().atMost(Duration.ofMinutes(1)).until(() -> server.pauses() > again);
            sendCancel(key[0], key[1]);
            rows[0] = 0;
            assertThat(drain(c, rows)).isEqualTo("TE[57014]ZI");
            assertThat(rows[0]).isLessThan(300_000);
            c.message('Q', "SELECT 1");
            assertThat(c.readUntil('Z')).isEqualTo("TDCZI");
        }
    }

    @Test
    void aCancelForAnIdleSessionIsNotKeptForItsNextQuery() throws IOException {
        try (PgRawWireTest.Client c = new PgRawWireTest.Client(server.port())) {
            int[] key = login(c);
            sendCancel(key[0], key[1]);
            c.message('Q', "SELECT 1");
            assertThat(c.readUntil('Z')).isEqualTo("TDCZI");
        }
    }

    @Test
    void aClientLeavingMidStreamEndsItsStatement() throws IOException {
        int before = server.openStatements();
        long fetchedBefore = server.rowsFetched();
        int pauses = server.pauses();
        try (PgRawWireTest.Client c = new PgRawWireTest.Client(server.port())) {
            login(c);
            c.message('Q', "SELECT i, repeat('x', 100) FROM range(10000000) t(i)");
            await().atMost(Duration.ofMinutes(1)).until(() -> server.pauses() > pauses);
            assertThat(server.openStatements()).isEqualTo(before + 1);
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> server.openStatements() == before);
        assertThat(server.rowsFetched() - fetchedBefore).isLessThan(10_000_000);
    }

    @Test
    void aClientLeavingDuringALongStatementInterruptsIt() throws IOException {
        int before = server.openStatements();
        try (PgRawWireTest.Client c = new PgRawWireTest.Client(server.port())) {
            login(c);
            c.message('Q', ENDLESS);
            await().atMost(Duration.ofMinutes(1)).until(() -> server.openStatements() > before);
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> server.openStatements() == before);
    }
}
