package ai.altertable.reactive.mock.internal.pg;

import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement made by Parse: DuckDB's prepared statement with {@code $n} parameters, the parameter types (named by the
 * client, else inferred by DuckDB, else {@code text}) and the result columns DuckDB announces. A statement that needs
 * no DuckDB (empty, or a {@code SET} of a Postgres-only parameter) has none. Runs on the session's worker.
 */
final class Prepared {

    /** The statements that only read, which {@link #learnColumns()} may run. */
    private static final java.util.Set<String> READ_ONLY = java.util.Set.of("SELECT", "WITH", "VALUES", "TABLE",
            "FROM", "SHOW", "DESCRIBE", "SUMMARIZE", "EXPLAIN");

    final String sql;
    /** The first keyword, upper case ("" for an empty statement). */
    final String first;
    /** The tag of a statement answered without DuckDB, else null. */
    final String canned;
    /** The row of a statement answered without DuckDB ({@code SHOW TRANSACTION ISOLATION LEVEL}), else null. */
    CannedAnswers.Answer answer;
    private final PreparedStatement statement;
    /** Per parameter: the type the client named (null for 0 or one this server does not know). */
    final PgType[] named;
    /** The parameter type OIDs the Parse named (fewer than the parameters, or 0 for some, is allowed). */
    private int[] given = new int[0];
    /** Per parameter: the type DuckDB inferred (null when it left it open). */
    final PgType[] inferred;
    /** Whether the statement returns rows; then its columns, unless DuckDB leaves them open until it runs. */
    final boolean returnsRows;
    final List<String> names = new ArrayList<>();
    final List<PgType> columns = new ArrayList<>();
    /** Whether DuckDB cannot say the columns before the parameters are bound ({@code SELECT $1 AS x}). */
    boolean columnsOpen;
    private int portals;
    private boolean dropped;

    private Prepared(String sql, String first, String canned, PreparedStatement statement, int params) {
        this.sql = sql;
        this.first = first;
        this.canned = canned;
        this.statement = statement;
        this.named = new PgType[params];
        this.inferred = new PgType[params];
        this.returnsRows = statement != null && returnsRows(statement);
    }

    /** Prepares {@code sql} on the session's DuckDB connection. */
    static Prepared parse(SessionWork work, String sql, int[] oids) throws PgException {
        List<String> parts = Statements.split(sql);
        if (parts.size() > 1) {
            throw new PgException("42601", "cannot insert multiple commands into a prepared statement");
        }
        if (parts.isEmpty()) {
            return new Prepared(sql, "", null, null, 0);
        }
        String first = Statements.keywords(sql, 1).get(0);
        if (first.equals("SET") && PostgresSettings.handles(sql)) {
            return new Prepared(sql, first, "SET", null, 0);
        }
        CannedAnswers.Answer answer = work.cannedAnswer(sql);
        if (answer != null) {
            Prepared p = new Prepared(sql, first, answer.tag(), null, 0);
            p.answer = answer;
            p.names.addAll(answer.columns());
            answer.columns().forEach(c -> p.columns.add(PgType.TEXT));
            return p;
        }
        PreparedStatement ps = null;
        try {
            ps = work.connection().prepareStatement(work.sqlForDuckDb(sql));
            ParameterMetaData pm = ps.getParameterMetaData();
            Prepared p = new Prepared(sql, first, null, ps, pm.getParameterCount());
            p.given = oids.clone();
            for (int i = 0; i < p.named.length; i++) {
                p.named[i] = i < oids.length ? PgType.ofOid(oids[i]) : null;
                String duck = pm.getParameterTypeName(i + 1);
                p.inferred[i] = PgType.unknownInDuckDb(duck) ? null : PgType.ofDuckDb(duck);
            }
            if (p.returnsRows) {
                p.columns(ps.getMetaData());
            }
            return p;
        } catch (SQLException e) {
            closeQuietly(ps);
            throw PgException.of(e);
        }
    }

    private void columns(ResultSetMetaData md) throws SQLException {
        names.clear();
        columns.clear();
        for (int c = 1; c <= md.getColumnCount(); c++) {
            String duck = md.getColumnTypeName(c);
            if (PgType.unknownInDuckDb(duck)) {
                columnsOpen = true; // DuckDB then announces one column "unknown": it is no column of the result
                names.clear();
                columns.clear();
                return;
            }
            names.add(md.getColumnLabel(c));
            columns.add(PgType.ofDuckDb(duck));
        }
        columnsOpen = false;
    }

    /**
     * For a Describe of a statement whose columns are open: a query that reads only runs once with every parameter
     * NULL, without fetching a row, to learn its columns (NULL ones are then text). Other statements keep them open.
     */
    void learnColumns() throws PgException {
        if (!columnsOpen || !READ_ONLY.contains(first)) {
            return;
        }
        try {
            for (int i = 1; i <= named.length; i++) {
                statement.setObject(i, null);
            }
            if (statement.execute()) {
                try (java.sql.ResultSet rs = statement.getResultSet()) {
                    columns(rs.getMetaData());
                }
            }
        } catch (SQLException e) {
            throw PgException.of(e);
        }
    }

    private static boolean returnsRows(PreparedStatement ps) {
        try {
            ResultSetMetaData md = ps.getMetaData();
            return md instanceof DuckDBResultSetMetaData d ? d.getReturnType() == StatementReturnType.QUERY_RESULT
                    : md != null && md.getColumnCount() > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether the statement returns rows: DuckDB's, or a canned answer's. */
    boolean returnsRows() {
        return returnsRows || answer != null && !answer.columns().isEmpty();
    }

    boolean isEmpty() {
        return first.isEmpty();
    }

    /** The OIDs a ParameterDescription reports: the client's, else DuckDB's, else text. */
    int[] parameterOids() {
        int[] oids = new int[named.length];
        for (int i = 0; i < oids.length; i++) {
            PgType t = named[i] != null ? named[i] : inferred[i];
            oids[i] = i < given.length && given[i] != 0 ? given[i] : t != null ? t.oid : PgType.TEXT.oid;
        }
        return oids;
    }


    PreparedStatement statement() {
        return statement;
    }

    void portalOpened() {
        portals++;
    }

    void portalClosed() {
        portals--;
        if (dropped && portals == 0) {
            closeQuietly(statement);
        }
    }

    /** The statement is closed or replaced: DuckDB's statement goes once no portal uses it. */
    void drop() {
        dropped = true;
        if (portals == 0) {
            closeQuietly(statement);
        }
    }

    private static void closeQuietly(PreparedStatement ps) {
        if (ps != null) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // nothing left to report to
            }
        }
    }
}
