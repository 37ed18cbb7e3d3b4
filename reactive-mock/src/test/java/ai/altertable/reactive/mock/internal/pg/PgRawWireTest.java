package ai.altertable.reactive.mock.internal.pg;

import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.internal.MockRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Postgres endpoint from a raw socket, with cleartext passwords: transaction status, bad input, backpressure. */
class PgRawWireTest {

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

    /** A connection speaking the protocol by hand. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final DataOutputStream out;
        final DataInputStream in;

        Client() throws IOException {
            this(server.port());
        }

        Client(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(120_000); // a server that never answers fails the test rather than hanging the build
            out = new DataOutputStream(socket.getOutputStream());
            in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
        }

        void startup(int version, String user) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream b = new DataOutputStream(body);
            b.writeInt(version);
            for (String s : new String[] {"user", user, "database", "memory"}) {
                b.write(s.getBytes(StandardCharsets.UTF_8));
                b.write(0);
            }
            b.write(0);
            out.writeInt(body.size() + 4);
            out.write(body.toByteArray());
            out.flush();
        }

        void message(char type, String text) throws IOException {
            byte[] t = text.getBytes(StandardCharsets.UTF_8);
            out.writeByte(type);
            out.writeInt(4 + t.length + 1);
            out.write(t);
            out.write(0);
            out.flush();
        }

        /** Reads messages up to one of type {@code until}; returns the types seen, and the body of the last. */
        String readUntil(char until) throws IOException {
            StringBuilder seen = new StringBuilder();
            while (true) {
                char type = (char) in.readUnsignedByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                seen.append(type);
                if (type == 'E') {
                    seen.append('[').append(field(body, 'C')).append(']');
                }
                if (type == until) {
                    if (type == 'Z') {
                        seen.append((char) body[0]);
                    }
                    return seen.toString();
                }
            }
        }

        void login() throws IOException {
            startup(196608, "alice");
            assertThat(readUntil('R')).isEqualTo("R");
            message('p', "pw-alice");
            assertThat(readUntil('Z')).startsWith("RS").endsWith("KZI");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static String field(byte[] body, char code) {
        int i = 0;
        while (i < body.length && body[i] != 0) {
            int end = i + 1;
            while (body[end] != 0) {
                end++;
            }
            if (body[i] == code) {
                return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
            }
            i = end + 1;
        }
        return null;
    }

    private static void assertClosed(Client c) {
        try {
            while (true) {
                c.in.readByte();
            }
        } catch (EOFException | java.net.SocketException expected) {
            return;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readyForQueryReportsTheTransactionStatus() throws IOException {
        try (Client c = new Client()) {
            c.login();
            c.message('Q', "BEGIN");
            assertThat(c.readUntil('Z')).isEqualTo("CZT");
            c.message('Q', "SELECT * FROM missing_table");
            assertThat(c.readUntil('Z')).isEqualTo("E[42P01]ZE");
            c.message('Q', "SELECT 1");
            assertThat(c.readUntil('Z')).isEqualTo("E[25P02]ZE");
            c.message('Q', "ROLLBACK");
            assertThat(c.readUntil('Z')).isEqualTo("CZI");
            c.message('Q', "");
            assertThat(c.readUntil('Z')).isEqualTo("IZI");
            c.message('Q', "SELECT 1; SELECT 2");
            assertThat(c.readUntil('Z')).isEqualTo("TDCTDCZI");
        }
    }

    @Test
    void pgjdbcLogsInWithACleartextPassword() throws java.sql.SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/memory?preferQueryMode=simple";
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "alice");
        p.setProperty("password", "pw-alice");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, p);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("memory");
        }
        p.setProperty("password", "pw-wrong");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, p).close())
                .isInstanceOfSatisfying(java.sql.SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void sslAndGssEncRequestsAreRefusedWithN() throws IOException {
        try (Client c = new Client()) {
            for (int code : new int[] {80877103, 80877104}) {
                c.out.writeInt(8);
                c.out.writeInt(code);
                c.out.flush();
                assertThat((char) c.in.readByte()).isEqualTo('N');
            }
            c.login();
        }
    }

    @Test
    void wrongPasswordIs28P01AndClosed() throws IOException {
        try (Client c = new Client()) {
            c.startup(196608, "alice");
            c.readUntil('R');
            c.message('p', "nope");
            assertThat(c.readUntil('E')).isEqualTo("E[28P01]");
            assertClosed(c);
        }
    }

    @Test
    void badInputGetsAnErrorOrACloseAndTheServerGoesOn() throws IOException {
        try (Client c = new Client()) { // protocol 2.0
            c.startup(2 << 16, "alice");
            assertThat(c.readUntil('E')).isEqualTo("E[0A000]");
            assertClosed(c);
        }
        try (Client c = new Client()) { // a query before the startup packet: its length is absurd
            c.message('Q', "SELECT 1");
            assertThat(c.readUntil('E')).isEqualTo("E[08P01]");
            assertClosed(c);
        }
        try (Client c = new Client()) { // a query before authentication
            c.startup(196608, "alice");
            c.readUntil('R');
            c.message('Q', "SELECT 1");
            assertThat(c.readUntil('E')).isEqualTo("E[08P01]");
            assertClosed(c);
        }
        try (Client c = new Client()) { // oversized message
            c.login();
            c.out.writeByte('Q');
            c.out.writeInt(PgFraming.MAX_MESSAGE + 100);
            c.out.flush();
            assertThat(c.readUntil('E')).isEqualTo("E[08P01]");
            assertClosed(c);
        }
        try (Client c = new Client()) { // garbage
            c.login();
            c.out.write(new byte[] {(byte) 0xfe, 0, 0, 0, 7, 1, 2, 3});
            c.out.flush();
            assertThat(c.readUntil('E')).isEqualTo("E[08P01]");
            assertClosed(c);
        }
        try (Client c = new Client()) { // truncated message, then the client goes away
            c.login();
            c.out.writeByte('Q');
            c.out.writeInt(100);
            c.out.write("SELE".getBytes(StandardCharsets.UTF_8));
            c.out.flush();
        }
        try (Client c = new Client()) {
            c.login();
            c.message('Q', "SELECT 1");
            assertThat(c.readUntil('Z')).isEqualTo("TDCZI");
            c.message('X', "");
        }
    }

    @Test
    void rowsAreFetchedOnlyAsTheClientReads() throws IOException {
        try (Client c = new Client()) {
            c.login();
            long before = server.rowsFetched();
            int pausesBefore = server.pauses();
            c.message('Q', "SELECT i, repeat('x', 100) FROM range(1000000) t(i)");
            // the client reads nothing: the server stops fetching once the socket and Netty's buffer are full
            // (or, were it not so, it would fetch the whole result into memory: then the count below fails)
            await().atMost(Duration.ofMinutes(1)).until(() -> server.pauses() > pausesBefore
                    || server.rowsFetched() - before == 1_000_000);
            long fetched = server.rowsFetched() - before;
            assertThat(fetched).isLessThan(200_000);
            String seen;
            int rows = 0;
            while (true) {
                char type = (char) c.in.readUnsignedByte();
                byte[] body = new byte[c.in.readInt() - 4];
                c.in.readFully(body);
                if (type == 'D') {
                    rows++;
                } else if (type == 'C') {
                    seen = new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
                    break;
                }
            }
            assertThat(rows).isEqualTo(1_000_000);
            assertThat(seen).isEqualTo("SELECT 1000000");
            assertThat(c.readUntil('Z')).isEqualTo("ZI");
        }
    }
}
