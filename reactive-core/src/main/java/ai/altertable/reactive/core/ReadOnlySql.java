package ai.altertable.reactive.core;

import java.util.Locale;
import java.util.Set;

/**
 * Recognises SQL text that cannot change data, so that a failed query may be retried safely.
 *
 * <p>The check is conservative: it answers {@code true} only for a single statement (a trailing {@code ;} is allowed)
 * that starts with a reading keyword ({@code SELECT}, {@code WITH}, {@code FROM}, {@code VALUES}, {@code TABLE},
 * {@code SHOW}, {@code DESCRIBE}, {@code SUMMARIZE}, {@code EXPLAIN} without {@code ANALYZE}) and contains no word that
 * could write or change session state ({@code INSERT}, {@code UPDATE}, {@code CREATE}, {@code SET}, {@code COPY}, ...)
 * outside string literals, quoted identifiers and comments. A read-only query that mentions such a word (for example a
 * column called {@code update}) is answered {@code false}: it is then simply not retried, which is safe.
 */
public final class ReadOnlySql {

    private static final Set<String> READING_STARTS = Set.of(
            "SELECT", "WITH", "FROM", "VALUES", "TABLE", "SHOW", "DESCRIBE", "DESC", "SUMMARIZE", "EXPLAIN");

    private static final Set<String> WRITING_WORDS = Set.of(
            "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "CREATE", "DROP", "ALTER", "TRUNCATE", "COPY",
            "ATTACH", "DETACH", "INSTALL", "LOAD", "CALL", "SET", "RESET", "PRAGMA", "CHECKPOINT", "VACUUM", "EXPORT",
            "IMPORT", "GRANT", "REVOKE", "BEGIN", "COMMIT", "ROLLBACK", "ABORT", "USE", "ANALYZE", "INTO", "NEXTVAL",
            "SETVAL");

    private ReadOnlySql() {
    }

    /** Whether {@code sql} is recognisably a single read-only statement. {@code null} or blank text is not. */
    public static boolean isReadOnly(String sql) {
        if (sql == null) {
            return false;
        }
        StringBuilder words = new StringBuilder(sql.length());
        if (!stripLiteralsAndComments(sql, words)) {
            return false;
        }
        String[] tokens = words.toString().trim().toUpperCase(Locale.ROOT).split("[^A-Z0-9_;]+");
        if (tokens.length == 0 || tokens[0].isEmpty() || !READING_STARTS.contains(tokens[0])) {
            return false;
        }
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            int semi = t.indexOf(';');
            if (semi >= 0 && !isTrailingSemicolons(tokens, i, semi)) {
                return false;
            }
            if (WRITING_WORDS.contains(semi >= 0 ? t.substring(0, semi) : t)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTrailingSemicolons(String[] tokens, int index, int semi) {
        String t = tokens[index];
        for (int k = semi; k < t.length(); k++) {
            if (t.charAt(k) != ';') {
                return false;
            }
        }
        for (int j = index + 1; j < tokens.length; j++) {
            if (!tokens[j].isEmpty() && !tokens[j].chars().allMatch(c -> c == ';')) {
                return false;
            }
        }
        return true;
    }

    /** Copies {@code sql} to {@code out} with literals, quoted identifiers and comments blanked. False if unterminated. */
    private static boolean stripLiteralsAndComments(String sql, StringBuilder out) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closing(sql, i + 1, c);
                if (end < 0) {
                    return false;
                }
                out.append(' ');
                i = end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl;
                out.append(' ');
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return false;
                }
                out.append(' ');
                i = end + 2;
            } else if (c == '$' && dollarQuoteEnd(sql, i) > 0) {
                i = dollarQuoteEnd(sql, i);
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return true;
    }

    private static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote inside the literal
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }

    /** For {@code $tag$ ... $tag$} strings: the index after the closing tag, or -1 when this is not one. */
    private static int dollarQuoteEnd(String sql, int start) {
        int tagEnd = sql.indexOf('$', start + 1);
        if (tagEnd < 0) {
            return -1;
        }
        String tag = sql.substring(start, tagEnd + 1);
        if (!tag.matches("\\$[A-Za-z_]*\\$")) {
            return -1;
        }
        int close = sql.indexOf(tag, tagEnd + 1);
        return close < 0 ? -1 : close + tag.length();
    }
}
