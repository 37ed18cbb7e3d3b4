package ai.altertable.reactive.mock.internal.pg;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The extended query protocol of one session, on its worker: Parse, Bind, Describe, Execute and Close on named and
 * unnamed statements and portals, and Sync. After an error the messages up to Sync are skipped. Outside a transaction
 * block the statements up to Sync run in an implicit transaction, committed at Sync (rolled back on error); portals
 * last until their transaction ends. DuckDB holds one open result per connection: a statement that needs the
 * connection while another portal's rows are pending closes that result, and the portal can no longer be run.
 */
final class Extended {

    private final PgServer server;
    private final PgSession session;
    private final SessionWork work;
    private final Map<String, Prepared> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private boolean skipping;
    /** Whether this server opened a DuckDB transaction for the statements up to the next Sync. */
    private boolean implicit;

    Extended(PgServer server, PgSession session, SessionWork work) {
        this.server = server;
        this.session = session;
        this.work = work;
    }

    /** One message; {@code done} runs once it is answered (an Execute may take several steps). */
    void handle(Frontend.Message message, Runnable done) {
        if (skipping) {
            done.run();
            return;
        }
        try {
            if (message instanceof Frontend.Execute e) {
                execute(e, done);
                return;
            }
            if (message instanceof Frontend.Parse p) {
                parse(p);
            } else if (message instanceof Frontend.Bind b) {
                bind(b);
            } else if (message instanceof Frontend.Describe d) {
                describe(d);
            } else if (message instanceof Frontend.Close c) {
                close(c);
            }
        } catch (PgException e) {
            fail(e.error);
        }
        done.run();
    }

    private void parse(Frontend.Parse m) throws PgException {
        if (!m.name().isEmpty() && statements.containsKey(m.name())) {
            throw new PgException("42P05", "prepared statement \"" + m.name() + "\" already exists");
        }
        refuseInFailedTransaction(Statements.keywords(m.sql(), 1));
        loseOpenResults(null);
        Prepared p = Prepared.parse(work, m.sql(), m.oids());
        Prepared old = statements.put(m.name(), p);
        if (old != null) {
            old.drop();
        }
        session.send(out -> Backend.empty(out, '1'));
    }

    private void bind(Frontend.Bind m) throws PgException {
        Prepared s = statements.get(m.statement());
        if (s == null) {
            throw new PgException("26000", "prepared statement \"" + m.statement() + "\" does not exist");
        }
        if (!m.portal().isEmpty() && portals.containsKey(m.portal())) {
            throw new PgException("42P03", "portal \"" + m.portal() + "\" already exists");
        }
        refuseInFailedTransaction(java.util.List.of(s.first));
        Portal p = Portal.bind(m, s);
        Portal old = portals.put(m.portal(), p);
        if (old != null) {
            old.close();
        }
        session.send(out -> Backend.empty(out, '2'));
    }

    private void refuseInFailedTransaction(java.util.List<String> firstWords) throws PgException {
        if (work.tx() == TxStatus.FAILED && (firstWords.isEmpty() || !QueryRun.ENDS.contains(firstWords.get(0)))) {
            throw new PgException("25P02",
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    private void describe(Frontend.Describe m) throws PgException {
        if (m.kind() == 'S') {
            Prepared s = statements.get(m.name());
            if (s == null) {
                throw new PgException("26000", "prepared statement \"" + m.name() + "\" does not exist");
            }
            if (s.returnsRows && s.columnsOpen) {
                loseOpenResults(null);
                s.learnColumns();
            }
            int[] oids = s.parameterOids();
            session.send(out -> {
                Backend.parameterDescription(out, oids);
                if (s.returnsRows() && !s.columnsOpen) {
                    Backend.rowDescription(out, s.names, s.columns);
                } else {
                    Backend.empty(out, 'n');
                }
            });
            return;
        }
        Portal p = portal(m.name());
        if (p.statement.returnsRows() && p.types == null && !p.started()) {
            start(p); // the columns are known once DuckDB runs it
        }
        if (p.types == null) {
            session.send(out -> Backend.empty(out, 'n'));
        } else {
            session.send(out -> Backend.rowDescription(out, p.names, p.types, p.binary));
        }
    }

    private Portal portal(String name) throws PgException {
        Portal p = portals.get(name);
        if (p == null) {
            throw new PgException("34000", "portal \"" + name + "\" does not exist");
        }
        return p;
    }

    private void close(Frontend.Close m) {
        if (m.kind() == 'S') {
            Prepared s = statements.remove(m.name());
            if (s != null) {
                portals.values().removeIf(p -> {
                    if (p.statement == s) {
                        p.close();
                        return true;
                    }
                    return false;
                });
                s.drop();
            }
        } else {
            Portal p = portals.remove(m.name());
            if (p != null) {
                p.close();
            }
        }
        session.send(out -> Backend.empty(out, '3'));
    }

    private void execute(Frontend.Execute m, Runnable done) {
        Portal p;
        try {
            p = portal(m.portal());
            if (p.lost != null) {
                throw new PgException("55000", "portal \"" + p.name + "\" cannot be resumed: " + p.lost);
            }
            if (!p.started()) {
                if (p.statement.isEmpty()) {
                    session.send(Backend::emptyQueryResponse);
                    done.run();
                    return;
                }
                start(p);
            }
        } catch (PgException e) {
            fail(e.error);
            done.run();
            return;
        }
        if (p.rows == null) {
            String tag = p.tag;
            CannedAnswers.Answer answer = p.statement.answer;
            if (answer != null && !answer.columns().isEmpty() && !p.answeredRow) {
                p.answeredRow = true; // text, which is also its binary format: the values are text
                session.send(out -> {
                    Backend.dataRow(out, answer.values().toArray(new String[0]));
                    Backend.commandComplete(out, tag + (tag.equals("SELECT") ? " 1" : ""));
                });
                done.run();
                return;
            }
            session.send(out -> Backend.commandComplete(out, tag));
            done.run();
            return;
        }
        long limit = m.maxRows() <= 0 ? Long.MAX_VALUE : p.rows.count() + m.maxRows();
        sendRows(p, limit, done);
    }

    /** Runs a portal's statement, with the transaction bookkeeping around it. */
    private void start(Portal p) throws PgException {
        String first = p.statement.first;
        boolean begin = first.equals("BEGIN") || first.equals("START");
        boolean end = QueryRun.ENDS.contains(first);
        if (work.tx() == TxStatus.FAILED) {
            refuseInFailedTransaction(java.util.List.of(first));
            closePortals(p);
            work.endFailedTransaction();
            p.answered("ROLLBACK");
            return;
        }
        if (begin && implicit) {
            implicit = false; // the implicit transaction becomes the block
            work.tx(TxStatus.IN_TRANSACTION);
            p.answered("BEGIN");
            return;
        }
        if (end && work.tx() == TxStatus.IDLE && !implicit) {
            p.answered(Statements.tag(p.statement.sql, false, 0)); // Postgres only warns: no transaction in progress
            return;
        }
        loseOpenResults(p);
        if (end) {
            closePortals(p);
        } else if (!begin && work.tx() == TxStatus.IDLE && !implicit && p.statement.canned == null) {
            run("BEGIN");
            implicit = true;
        }
        p.start(work, server, session);
        if (begin) {
            work.tx(TxStatus.IN_TRANSACTION);
        } else if (end) {
            implicit = false;
            work.tx(TxStatus.IDLE);
        }
    }

    private void sendRows(Portal p, long limit, Runnable done) {
        if (!session.isOpen()) {
            done.run(); // the session's close ends the portal
            return;
        }
        if (work.cancel().requested()) {
            work.cancel().withdraw();
            fail(SqlStates.canceled());
            done.run();
            return;
        }
        ByteBuf out = session.channel().alloc().buffer();
        RowPump.Outcome outcome;
        try {
            outcome = p.rows.fill(out, limit - p.rows.count());
        } catch (SQLException | RuntimeException e) {
            out.release();
            fail(e instanceof SQLException s ? work.errorOf(s)
                    : PgError.error("XX000", "cannot send a row: " + e));
            done.run();
            return;
        }
        if (outcome == RowPump.Outcome.MORE) {
            p.rows.writeThen(out, () -> sendRows(p, limit, done));
            return;
        }
        if (outcome == RowPump.Outcome.END) {
            p.finish();
            Backend.commandComplete(out, p.tag);
        } else {
            Backend.empty(out, 's');
        }
        session.channel().writeAndFlush(out).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        done.run();
    }

    /** Sync: the implicit transaction ends, and the session is ready for the next query. */
    void sync(Runnable done) {
        skipping = false;
        if (implicit) {
            closePortals(null);
            implicit = false;
            try {
                run("COMMIT");
            } catch (PgException e) {
                rollbackQuietly();
                session.send(out -> Backend.errorResponse(out, e.error));
            }
        } else if (work.tx() == TxStatus.IDLE) {
            closePortals(null);
        }
        session.send(out -> Backend.readyForQuery(out, work.tx()));
        done.run();
    }

    /** A simple Query drops the unnamed statement and portal and needs the connection. */
    void beforeSimpleQuery() {
        skipping = false;
        Portal p = portals.remove("");
        if (p != null) {
            p.close();
        }
        Prepared s = statements.remove("");
        if (s != null) {
            s.drop();
        }
        loseOpenResults(null);
    }

    /** An ERROR: the messages up to Sync are skipped; a block fails, an implicit transaction is rolled back. */
    private void fail(PgError error) {
        skipping = true;
        if (implicit) {
            closePortals(null);
            implicit = false;
            rollbackQuietly();
        } else if (work.tx() == TxStatus.IN_TRANSACTION) {
            work.tx(TxStatus.FAILED);
            new ArrayList<>(portals.values()).forEach(q -> q.lose("its transaction failed"));
        }
        session.send(out -> Backend.errorResponse(out, error));
    }

    private void loseOpenResults(Portal keep) {
        for (Portal q : portals.values()) {
            if (q != keep) {
                q.lose("another statement ran on the connection since (the mock keeps one open result per "
                        + "connection)");
            }
        }
    }

    /** The transaction ends: its portals go, except {@code keep}. */
    private void closePortals(Portal keep) {
        portals.values().removeIf(q -> {
            if (q != keep) {
                q.close();
                return true;
            }
            return false;
        });
    }

    private void run(String sql) throws PgException {
        try (Statement s = work.connection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw PgException.of(e);
        }
    }

    private void rollbackQuietly() {
        try {
            run("ROLLBACK");
        } catch (PgException ignored) {
            // DuckDB may have ended the failed transaction itself
        }
    }

    /** The session ends: every portal and statement goes. */
    void close() {
        closePortals(null);
        statements.values().forEach(Prepared::drop);
        statements.clear();
    }
}
