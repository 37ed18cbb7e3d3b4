package ai.altertable.reactive.mock.internal.pg;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One simple Query: its statements in order, each answered with RowDescription, DataRows and CommandComplete (or
 * ErrorResponse, which skips the rest), then ReadyForQuery. Runs in steps on the session's database worker; the rows
 * go through a {@link RowPump}, fetched only as the socket drains.
 */
final class QueryRun {

    static final Set<String> ENDS = Set.of("COMMIT", "END", "ROLLBACK", "ABORT");

    private final PgServer server;
    private final PgSession session;
    private final SessionWork work;
    private final List<String> statements;
    private final Runnable done;
    private int next;
    private String current;
    private Statement statement;
    private RowPump rows;
    /**
     * Several statements outside a block, none of which controls transactions, run as one implicit transaction, as
     * PostgreSQL runs a multi-statement Query: an error rolls back the statements before it. True while it is open.
     */
    private boolean implicit;

    QueryRun(PgServer server, PgSession session, SessionWork work, List<String> statements, Runnable done) {
        this.server = server;
        this.session = session;
        this.work = work;
        this.statements = statements;
        this.done = done;
        this.implicit = statements.size() > 1 && work.tx() == TxStatus.IDLE
                && !TransactionStatements.controlsTransactions(statements);
    }

    /** One step on the worker: a statement started, or a chunk of rows sent, or the end. */
    void step() {
        if (!session.isOpen()) {
            closeStatement();
            done.run();
            return;
        }
        try {
            if (work.cancel().requested() && (rows != null || next < statements.size())) {
                failed(SqlStates.canceled());
                work.cancel().withdraw();
            } else if (rows != null) {
                sendChunk();
            } else if (statements.isEmpty()) {
                session.send(out -> {
                    Backend.emptyQueryResponse(out);
                    Backend.readyForQuery(out, work.tx());
                });
                done.run();
            } else if (next == statements.size()) {
                if (implicit) {
                    control("COMMIT");
                    implicit = false;
                }
                session.send(out -> Backend.readyForQuery(out, work.tx()));
                done.run();
            } else {
                if (next == 0 && implicit) {
                    control("BEGIN TRANSACTION");
                }
                execute(statements.get(next++));
            }
        } catch (SQLException e) {
            if (work.cancel().requested()) {
                failed(SqlStates.canceled());
                work.cancel().withdraw();
            } else {
                failed(PgError.error(SqlStates.of(e), SqlStates.message(e)));
            }
        }
    }

    private void execute(String sql) throws SQLException {
        current = sql;
        String first = Statements.keywords(sql, 1).get(0);
        if (work.tx() == TxStatus.FAILED) {
            if (!ENDS.contains(first)) {
                failed(PgError.error("25P02",
                        "current transaction is aborted, commands ignored until end of transaction block"));
                return;
            }
            work.endFailedTransaction();
            session.send(out -> Backend.commandComplete(out, "ROLLBACK"));
            again();
            return;
        }
        if (first.equals("SET") && PostgresSettings.handles(sql)) {
            // a Postgres session parameter DuckDB does not know (pgjdbc sets application_name this way): accepted
            session.send(out -> Backend.commandComplete(out, "SET"));
            again();
            return;
        }
        CannedAnswers.Answer canned = work.cannedAnswer(sql);
        if (canned != null) {
            answer(canned);
            again();
            return;
        }
        statement = work.connection().createStatement();
        work.running(statement);
        if (statement.execute(work.sqlForDuckDb(sql))) {
            describe(statement.getResultSet());
        } else {
            long changed = Math.max(0, statement.getUpdateCount());
            closeStatement();
            track(first);
            String tag = Statements.tag(sql, false, changed);
            session.send(out -> Backend.commandComplete(out, tag));
        }
        again();
    }

    private void answer(CannedAnswers.Answer canned) {
        List<PgType> text = new ArrayList<>();
        canned.columns().forEach(c -> text.add(PgType.ofDuckDb("VARCHAR")));
        session.send(out -> {
            if (!canned.columns().isEmpty()) {
                Backend.rowDescription(out, canned.columns(), text);
                Backend.dataRow(out, canned.values().toArray(new String[0]));
            }
            Backend.commandComplete(out, canned.columns().isEmpty() ? canned.tag() : "SHOW");
        });
    }

    private void track(String first) {
        if (first.equals("BEGIN") || first.equals("START")) {
            work.tx(TxStatus.IN_TRANSACTION);
        } else if (ENDS.contains(first)) {
            work.tx(TxStatus.IDLE);
        }
    }

    private void describe(ResultSet result) throws SQLException {
        ResultSetMetaData md = result.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>(n);
        List<PgType> described = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add(md.getColumnLabel(i));
            described.add(PgType.ofDuckDb(md.getColumnTypeName(i)));
        }
        rows = new RowPump(server, session, result, described.toArray(new PgType[0]), null);
        session.send(out -> Backend.rowDescription(out, names, described));
    }

    private void sendChunk() throws SQLException {
        ByteBuf out = session.channel().alloc().buffer();
        boolean end;
        try {
            end = rows.fill(out, Long.MAX_VALUE) == RowPump.Outcome.END;
            if (end) {
                long count = rows.count();
                closeStatement();
                Backend.commandComplete(out, Statements.tag(current, true, count));
            }
        } catch (SQLException | RuntimeException e) {
            out.release();
            throw e;
        }
        if (end) {
            session.channel().writeAndFlush(out).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            again();
        } else {
            rows.writeThen(out, this::step);
        }
    }

    private void again() {
        session.schedule(this::step);
    }

    /** An ERROR: the rest of the string is skipped, a transaction block fails, then ReadyForQuery. */
    private void failed(PgError error) {
        closeStatement();
        if (implicit) {
            implicit = false;
            rollbackQuietly();
        }
        if (work.tx() == TxStatus.IN_TRANSACTION) {
            work.tx(TxStatus.FAILED);
        }
        session.send(out -> {
            Backend.errorResponse(out, error);
            Backend.readyForQuery(out, work.tx());
        });
        done.run();
    }

    private void control(String sql) throws SQLException {
        try (Statement s = work.connection().createStatement()) {
            s.execute(sql);
        }
    }

    private void rollbackQuietly() {
        try (Statement s = work.connection().createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // DuckDB may have ended the failed transaction itself
        }
    }

    private void closeStatement() {
        if (rows != null) {
            rows.close();
        }
        try {
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException ignored) {
            // closing a finished or abandoned result
        } finally {
            rows = null;
            statement = null;
            work.running(null);
        }
    }
}
