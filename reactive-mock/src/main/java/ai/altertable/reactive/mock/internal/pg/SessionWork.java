package ai.altertable.reactive.mock.internal.pg;

import ai.altertable.reactive.mock.internal.db.UserDatabase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a session does on its database worker (blocking work, never on the event loop): the authentication exchange,
 * opening the user's connection, and the statements. Only the worker touches this object's state.
 */
final class SessionWork {

    private static final SecureRandom KEYS = new SecureRandom();

    private final PgServer server;
    private final PgSession session;
    private final PgSession.StartupPacket startup;
    private final String password;
    private Scram scram;
    private Connection connection;
    private TxStatus tx = TxStatus.IDLE;
    private Extended extended;
    private final StatementCancel cancel;
    private volatile int processId;
    private volatile int secret;

    SessionWork(PgServer server, PgSession session, PgSession.StartupPacket startup) {
        this.server = server;
        this.session = session;
        this.startup = startup;
        this.password = server.runtime().users().get(startup.user());
        this.cancel = new StatementCancel(server, server.runtime().interruptScheduler());
    }

    /** After the StartupMessage: NegotiateProtocolVersion if needed, then the authentication request. */
    void begin(Runnable done) {
        List<String> options = new ArrayList<>();
        startup.parameters().keySet().stream().filter(k -> k.startsWith("_pq_.")).forEach(options::add);
        boolean cleartext = server.authentication() == PgServer.Authentication.CLEARTEXT;
        session.send(out -> {
            if (startup.minorVersion() > 0 || !options.isEmpty()) {
                Backend.negotiateProtocolVersion(out, 0, options);
            }
            if (cleartext) {
                Backend.authentication(out, Backend.AUTH_CLEARTEXT, null);
            } else {
                Backend.authenticationSasl(out, Scram.MECHANISM);
            }
        });
        done.run();
    }

    /** A PasswordMessage, SASLInitialResponse or SASLResponse (all type 'p'). */
    void authenticate(byte[] body, Runnable done) {
        try {
            if (server.authentication() == PgServer.Authentication.CLEARTEXT) {
                String given = cString(body, 0);
                if (password != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                        password.getBytes(StandardCharsets.UTF_8))) {
                    authenticated(null);
                } else {
                    passwordFailed();
                }
            } else if (scram == null) {
                saslInitial(body);
            } else {
                String serverFinal = scram.serverFinal(new String(body, StandardCharsets.UTF_8));
                if (serverFinal == null) {
                    passwordFailed();
                } else {
                    authenticated(serverFinal);
                }
            }
        } catch (Scram.ProtocolException | IllegalArgumentException | IndexOutOfBoundsException e) {
            session.fatal(PgError.fatal("08P01", e.getMessage()));
        } finally {
            done.run();
        }
    }

    private void saslInitial(byte[] body) throws Scram.ProtocolException {
        ByteBuf b = Unpooled.wrappedBuffer(body);
        String mechanism = PgSession.readCString(b);
        if (!Scram.MECHANISM.equals(mechanism)) {
            session.fatal(PgError.fatal("28000", "SASL authentication mechanism not supported: " + mechanism));
            return;
        }
        int length = b.readInt();
        if (length < 0 || length != b.readableBytes()) {
            throw new IllegalArgumentException("malformed SASLInitialResponse");
        }
        scram = new Scram(password);
        byte[] serverFirst = scram.serverFirst(b.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        session.send(out -> Backend.authentication(out, Backend.AUTH_SASL_CONTINUE, serverFirst));
    }

    private void passwordFailed() {
        session.fatal(PgError.fatal("28P01", "password authentication failed for user \"" + startup.user() + "\""));
    }

    private static String cString(byte[] body, int from) {
        int end = from;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        if (end == body.length) {
            throw new IllegalArgumentException("string without its terminating zero");
        }
        return new String(body, from, end - from, StandardCharsets.UTF_8);
    }

    /** The password is right: opens the user's connection, selects the database's catalog, and says ready. */
    private void authenticated(String serverFinal) {
        String database = startup.parameters().getOrDefault("database", startup.user());
        try {
            UserDatabase db = server.runtime().databases().of(startup.user(), password);
            connection = db.connect();
            if (!useCatalog(database)) {
                session.fatal(PgError.fatal("3D000", "database \"" + database + "\" does not exist"));
                return;
            }
            try (Statement st = connection.createStatement()) {
                for (String ddl : PgCatalog.setup(startup.user())) {
                    st.execute(ddl);
                }
            }
        } catch (SQLException | RuntimeException e) {
            session.fatal(PgError.fatal("XX000", "cannot open the database: " + e.getMessage()));
            return;
        }
        extended = new Extended(server, session, this);
        int pid = server.nextProcessId();
        int key = KEYS.nextInt();
        secret = key;
        processId = pid;
        server.register(pid, key, session);
        if (!session.isOpen()) {
            server.unregister(pid, key, session); // it went away while logging in
        }
        session.phase = PgSession.Phase.READY;
        session.send(out -> {
            if (serverFinal != null) {
                Backend.authentication(out, Backend.AUTH_SASL_FINAL, serverFinal.getBytes(StandardCharsets.UTF_8));
            }
            Backend.authentication(out, Backend.AUTH_OK, null);
            ParameterStatuses.write(out, startup);
            Backend.backendKeyData(out, pid, key);
            Backend.readyForQuery(out, tx);
        });
    }

    /**
     * The database name selects the catalog of that name, as the REST {@code catalog} field and the Flight session's
     * catalog do; a name that is no catalog is accepted only when it is the user name (the clients' default).
     */
    private boolean useCatalog(String database) throws SQLException {
        boolean exists;
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT 1 FROM duckdb_databases() WHERE database_name = ?")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                exists = rs.next();
            }
        }
        if (exists) {
            try (Statement s = connection.createStatement()) {
                s.execute("USE \"" + database.replace("\"", "\"\"") + "\"");
            }
            return true;
        }
        return database.equals(startup.user()) || database.isEmpty();
    }

    void query(String sql, Runnable done) {
        extended.beforeSimpleQuery();
        new QueryRun(server, session, this, Statements.split(sql), done).step();
    }

    /** Parse, Bind, Describe, Execute or Close. */
    void extended(Frontend.Message message, Runnable done) {
        extended.handle(message, done);
    }

    void sync(Runnable done) {
        extended.sync(done);
    }

    /** FunctionCall and the COPY messages are not served: an error. */
    void unsupported(char type, Runnable done) {
        session.send(out -> Backend.errorResponse(out, PgError.error("0A000",
                "message type '" + type + "' (FunctionCall or COPY) is not supported by this server")));
        done.run();
    }

    /** COMMIT or ROLLBACK of a failed transaction block: DuckDB's transaction is rolled back. */
    void endFailedTransaction() {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // DuckDB may have ended the failed transaction itself
        }
        tx = TxStatus.IDLE;
    }

    /**
     * THE hook every SQL text passes through on its way to DuckDB (simple Query statements and Parse): catalog queries
     * of psql and the drivers rewritten ({@link PgCatalog}), transaction modes DuckDB does not parse dropped
     * ({@link TransactionStatements}). DuckDB takes Postgres's {@code $n} parameters as they are.
     */
    String sqlForDuckDb(String sql) {
        return PgCatalog.rewrite(TransactionStatements.forDuckDb(sql));
    }

    /** The answer to a statement that is answered without DuckDB ({@link CannedAnswers}), or null. */
    CannedAnswers.Answer cannedAnswer(String sql) {
        return CannedAnswers.of(sql);
    }

    /** The statement now running (null once closed): what a CancelRequest interrupts. Called on the worker. */
    void running(Statement statement) {
        cancel.running(statement);
    }

    /**
     * The error to answer for a failed DuckDB call: 57014 when a CancelRequest interrupted it (DuckDB then reports
     * whatever the interrupted call ran into, such as "Invalid result set"), which answers the request; else the
     * SQLSTATE the error's class maps to.
     */
    PgError errorOf(SQLException e) {
        if (cancel.requested()) {
            cancel.withdraw();
            return SqlStates.canceled();
        }
        return PgError.error(SqlStates.of(e), SqlStates.message(e));
    }

    /** This session's cancel state. */
    StatementCancel cancel() {
        return cancel;
    }

    /** The client went away (event loop): its running statement is interrupted. */
    void disconnected() {
        if (processId != 0) {
            server.unregister(processId, secret, session);
        }
        cancel.request();
    }

    Connection connection() {
        return connection;
    }

    TxStatus tx() {
        return tx;
    }

    void tx(TxStatus status) {
        this.tx = status;
    }

    void close() {
        cancel.withdraw();
        cancel.running(null); // a statement whose last step never ran is closed with the connection
        if (extended != null) {
            extended.close();
        }
        if (connection != null) {
            try {
                connection.close(); // rolls back an open transaction
            } catch (SQLException ignored) {
                // the session is gone; nothing to report to
            }
            connection = null;
        }
    }
}
