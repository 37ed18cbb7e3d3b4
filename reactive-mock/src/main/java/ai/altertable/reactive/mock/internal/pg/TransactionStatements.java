package ai.altertable.reactive.mock.internal.pg;

import java.util.List;
import java.util.Set;

/**
 * Transaction control as Postgres clients write it, for DuckDB: {@code BEGIN}/{@code START TRANSACTION} with
 * transaction modes ({@code ISOLATION LEVEL ...}, {@code READ ONLY}, {@code DEFERRABLE}), which DuckDB does not parse,
 * become a plain {@code BEGIN TRANSACTION} (DuckDB has one isolation level, see {@link CannedAnswers}); and which
 * statements open or end a block.
 */
final class TransactionStatements {

    static final Set<String> STARTS = Set.of("BEGIN", "START");
    static final Set<String> ENDS = Set.of("COMMIT", "END", "ROLLBACK", "ABORT");
    private static final Set<String> MODES = Set.of("ISOLATION", "READ", "DEFERRABLE", "NOT");

    private TransactionStatements() {
    }

    /** {@code sql} for DuckDB: a BEGIN or START TRANSACTION with modes loses them; anything else is unchanged. */
    static String forDuckDb(String sql) {
        List<String> w = Statements.keywords(sql, 3);
        if (w.isEmpty() || !STARTS.contains(w.get(0))) {
            return sql;
        }
        int modeAt = w.size() > 1 && (w.get(1).equals("TRANSACTION") || w.get(1).equals("WORK")) ? 2 : 1;
        return w.size() > modeAt && MODES.contains(w.get(modeAt)) ? "BEGIN TRANSACTION" : sql;
    }

    /** Whether any of the statements opens or ends a transaction block. */
    static boolean controlsTransactions(List<String> statements) {
        for (String s : statements) {
            List<String> w = Statements.keywords(s, 1);
            if (!w.isEmpty() && (STARTS.contains(w.get(0)) || ENDS.contains(w.get(0)))) {
                return true;
            }
        }
        return false;
    }
}
