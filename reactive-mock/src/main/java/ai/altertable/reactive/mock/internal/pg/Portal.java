package ai.altertable.reactive.mock.internal.pg;

import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A portal made by Bind: a statement with its parameter values and the result columns' formats. It runs at its first
 * Execute (or at a Describe when its columns cannot be known before); a result's rows are then sent through a
 * {@link RowPump} over one or more Executes. Runs on the session's worker.
 */
final class Portal {

    final String name;
    final Prepared statement;
    private final Object[] values;
    private final short[] resultFormats;
    /** The columns as described to the client and sent (null until known). */
    List<PgType> types;
    boolean[] binary;
    List<String> names;
    /** The open result, while its rows are being sent. */
    RowPump rows;
    /** The CommandComplete tag once the portal ran to its end, else null. */
    String tag;
    /** Why the portal can no longer be run (another statement closed its result), else null. */
    String lost;
    private boolean started;
    /** Whether the canned row of the statement was sent. */
    boolean answeredRow;

    private Portal(String name, Prepared statement, Object[] values, short[] resultFormats) {
        this.name = name;
        this.statement = statement;
        this.values = values;
        this.resultFormats = resultFormats;
        statement.portalOpened();
    }

    /** Binds {@code m}'s values to {@code statement}: decoded per the parameter types (see {@link PgType}). */
    static Portal bind(Frontend.Bind m, Prepared statement) throws PgException {
        int n = statement.named.length;
        if (m.values().length != n) {
            throw new PgException("08P01", "bind message supplies " + m.values().length + " parameters, but prepared "
                    + "statement \"" + m.statement() + "\" requires " + n);
        }
        if (m.formats().length > 1 && m.formats().length != n) {
            throw new PgException("08P01", "bind message has " + m.formats().length + " parameter formats but " + n
                    + " parameters");
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = m.values()[i] == null ? null
                    : decode(statement, i, Frontend.binary(m.formats(), i), m.values()[i]);
        }
        Portal p = new Portal(m.portal(), statement, values, m.resultFormats());
        if (statement.returnsRows() && !statement.columnsOpen) {
            try {
                p.describe(statement.names, statement.columns);
            } catch (PgException e) {
                p.close();
                throw e;
            }
        }
        return p;
    }

    private static Object decode(Prepared s, int i, boolean binaryFormat, byte[] value) throws PgException {
        PgType type = s.named[i] != null ? s.named[i] : s.inferred[i];
        try {
            if (binaryFormat) {
                Object v = type == null ? null : type.decodeBinary(Unpooled.wrappedBuffer(value));
                if (v == null) {
                    throw new PgException("42883", "no binary input function available for the type of parameter $"
                            + (i + 1) + (type == null ? "" : " (" + type.name().toLowerCase() + ")"));
                }
                return v;
            }
            String text = new String(value, StandardCharsets.UTF_8);
            if (type == PgType.BYTEA) {
                return text.startsWith("\\x") ? HexFormat.of().parseHex(text, 2, text.length()) : value;
            }
            // DuckDB casts a string to the type it inferred; the client's type says what an open one is
            return type == null ? text : s.inferred[i] != null ? type.normalizeText(text) : type.decodeText(text);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new PgException(binaryFormat ? "22P03" : "22P02", "invalid value for parameter $" + (i + 1) + ": "
                    + e.getMessage());
        }
    }

    /** Fixes the columns and their formats; binary format for a type without a binary encoder is refused. */
    private void describe(List<String> columnNames, List<PgType> columnTypes) throws PgException {
        if (resultFormats.length > 1 && resultFormats.length != columnTypes.size()) {
            throw new PgException("08P01", "bind message has " + resultFormats.length + " result formats but query "
                    + "has " + columnTypes.size() + " columns");
        }
        boolean[] b = new boolean[columnTypes.size()];
        for (int c = 0; c < b.length; c++) {
            b[c] = Frontend.binary(resultFormats, c);
            if (b[c] && !columnTypes.get(c).hasBinary()) {
                throw new PgException("42883", "no binary output function available for type "
                        + columnTypes.get(c).name().toLowerCase() + " (column \"" + columnNames.get(c) + "\")");
            }
        }
        names = columnNames;
        types = columnTypes;
        binary = b;
    }

    /** The portal is answered without DuckDB (a transaction control statement this server handles itself). */
    void answered(String commandTag) {
        started = true;
        tag = commandTag;
    }

    boolean started() {
        return started;
    }

    /**
     * Runs the statement: a result's rows are then in {@link #rows}; a statement without one is finished with its
     * {@link #tag}.
     */
    void start(SessionWork work, PgServer server, PgSession session) throws PgException {
        started = true;
        if (statement.canned != null) {
            tag = statement.canned;
            return;
        }
        PreparedStatement ps = statement.statement();
        try {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            boolean result;
            work.running(ps); // a CancelRequest interrupts it
            try {
                result = ps.execute();
            } finally {
                work.running(null);
            }
            if (result) {
                ResultSet rs = ps.getResultSet();
                try {
                    if (types == null) {
                        describe(labels(rs), actualTypes(rs));
                    }
                } catch (PgException | SQLException e) {
                    rs.close();
                    throw e;
                }
                rows = new RowPump(server, session, rs, types.toArray(new PgType[0]), binary);
            } else {
                tag = Statements.tag(statement.sql, false, Math.max(0, ps.getUpdateCount()));
            }
        } catch (SQLException e) {
            throw new PgException(work.errorOf(e));
        }
    }

    private static List<String> labels(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> l = new ArrayList<>();
        for (int c = 1; c <= md.getColumnCount(); c++) {
            l.add(md.getColumnLabel(c));
        }
        return l;
    }

    /** The column types of the result DuckDB returned. */
    private List<PgType> actualTypes(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<PgType> l = new ArrayList<>();
        for (int c = 1; c <= md.getColumnCount(); c++) {
            l.add(PgType.ofDuckDb(md.getColumnTypeName(c)));
        }
        return l;
    }

    /** The rows are all sent: the result is closed and the portal finished. */
    void finish() {
        tag = Statements.tag(statement.sql, true, rows.count());
        rows.close();
        rows = null;
    }

    /** Another statement needs the connection: DuckDB holds one open result per connection. */
    void lose(String why) {
        if (rows != null) {
            rows.close();
            rows = null;
            lost = why;
        }
    }

    void close() {
        if (rows != null) {
            rows.close();
            rows = null;
        }
        statement.portalClosed();
    }
}
