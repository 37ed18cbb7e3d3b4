package ai.altertable.reactive.mock.internal.pg;

import java.util.List;

/**
 * Statements that Postgres clients send about the session itself and that DuckDB cannot parse, answered here without
 * DuckDB. Table-driven: the leading keywords of a statement select its answer.
 *
 * <p>The isolation level reported is {@code repeatable read}: DuckDB runs every transaction on a snapshot taken when
 * it starts and fails a transaction whose writes conflict with a concurrent commit, which is what PostgreSQL calls
 * REPEATABLE READ (snapshot isolation). A {@code SET TRANSACTION ...} or {@code SET SESSION CHARACTERISTICS ...} is
 * accepted without effect, since DuckDB offers no other level.
 */
final class CannedAnswers {

    /** What the isolation level is reported as (see the class description). */
    static final String ISOLATION = "repeatable read";

    /**
     * One answer: a single row of text columns (none for a command), then the command tag.
     *
     * @param columns the column names, empty for a command without rows
     * @param values  the row's values, as many as columns
     * @param tag     the CommandComplete tag
     */
    record Answer(List<String> columns, List<String> values, String tag) {
    }

    /** leading keywords, then the answer. */
    private static final List<Object[]> TABLE = List.of(
            new Object[] {List.of("SHOW", "TRANSACTION", "ISOLATION", "LEVEL"), show("transaction_isolation", ISOLATION)},
            new Object[] {List.of("SHOW", "TRANSACTION_ISOLATION"), show("transaction_isolation", ISOLATION)},
            new Object[] {List.of("SHOW", "DEFAULT_TRANSACTION_ISOLATION"),
                    show("default_transaction_isolation", ISOLATION)},
            new Object[] {List.of("SHOW", "TRANSACTION_READ_ONLY"), show("transaction_read_only", "off")},
            new Object[] {List.of("SHOW", "DEFAULT_TRANSACTION_READ_ONLY"), show("default_transaction_read_only", "off")},
            new Object[] {List.of("SET", "TRANSACTION"), new Answer(List.of(), List.of(), "SET")},
            new Object[] {List.of("SET", "SESSION", "CHARACTERISTICS"), new Answer(List.of(), List.of(), "SET")});

    private CannedAnswers() {
    }

    private static Answer show(String column, String value) {
        return new Answer(List.of(column), List.of(value), "SHOW");
    }

    /** The answer to {@code sql}, or null when DuckDB should run it. */
    static Answer of(String sql) {
        List<String> words = Statements.keywords(sql, 5);
        for (Object[] row : TABLE) {
            @SuppressWarnings("unchecked")
            List<String> lead = (List<String>) row[0];
            boolean prefix = words.size() >= lead.size() && words.subList(0, lead.size()).equals(lead);
            if (prefix && (words.size() == lead.size() || !lead.get(0).equals("SHOW"))) {
                return (Answer) row[1];
            }
        }
        return null;
    }
}
