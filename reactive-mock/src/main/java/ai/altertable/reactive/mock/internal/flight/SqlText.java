package ai.altertable.reactive.mock.internal.flight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lexical scan of SQL text, enough to see what DuckDB JDBC hides: how many statements a request holds (JDBC runs all
 * but the last one while <em>preparing</em>, where the official mock refuses several), and which parameters it has.
 * String literals ({@code '…'}, {@code E'…'}), quoted identifiers, dollar-quoted strings and comments are skipped.
 */
final class SqlText {

    /** DuckDB's refusal, as the official mock reports a multi-statement request. [inferred] */
    static final String MULTIPLE_STATEMENTS = "Invalid Input Error: Cannot prepare multiple statements at once!";

    /**
     * The SQL as DuckDB JDBC can run it, and the parameter names for {@code parameter_schema}.
     *
     * @param sql   the text, with named parameters renumbered {@code $1, $2, …} in order of first appearance
     *              (DuckDB's numbering, which JDBC's positional binding needs); unchanged otherwise
     * @param names the distinct named parameters in that order; empty for positional ones
     */
    record Parameters(String sql, List<String> names) {
    }

    private final String text;
    private final List<int[]> parameters = new ArrayList<>(); // [start, end) of each parameter token
    private int statements;

    private SqlText(String text) {
        this.text = text;
        scan();
    }

    /** Whether {@code sql} holds more than one statement (empty ones between semicolons do not count). */
    static boolean hasSeveralStatements(String sql) {
        return new SqlText(sql).statements > 1;
    }

    /** {@code sql} ready for positional JDBC binding. Mixed named and positional parameters are left to DuckDB. */
    static Parameters parameters(String sql) {
        SqlText scan = new SqlText(sql);
        Map<String, Integer> named = new LinkedHashMap<>();
        boolean positional = false;
        for (int[] p : scan.parameters) {
            String token = sql.substring(p[0], p[1]);
            if (token.equals("?") || Character.isDigit(token.charAt(1))) {
                positional = true;
            } else {
                named.putIfAbsent(token.substring(1), named.size() + 1);
            }
        }
        if (named.isEmpty() || positional) {
            return new Parameters(sql, List.of());
        }
        StringBuilder out = new StringBuilder(sql.length());
        int last = 0;
        for (int[] p : scan.parameters) {
            out.append(sql, last, p[0]).append('$').append(named.get(sql.substring(p[0] + 1, p[1])));
            last = p[1];
        }
        out.append(sql, last, sql.length());
        return new Parameters(out.toString(), List.copyOf(named.keySet()));
    }

    private void scan() {
        boolean content = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ';') {
                statements += content ? 1 : 0;
                content = false;
                i++;
            } else if (c == '-' && next(i) == '-') {
                i = skipLineComment(i);
            } else if (c == '/' && next(i) == '*') {
                i = skipBlockComment(i);
            } else {
                content = true;
                i = token(i);
            }
        }
        statements += content ? 1 : 0;
    }

    /** Scans one token that is not whitespace or a comment; returns the index after it. */
    private int token(int i) {
        char c = text.charAt(i);
        if (c == '\'') {
            return skipQuoted(i + 1, '\'', false);
        }
        if ((c == 'E' || c == 'e') && next(i) == '\'' && !identifierPart(previous(i))) {
            return skipQuoted(i + 2, '\'', true);
        }
        if (c == '"') {
            return skipQuoted(i + 1, '"', false);
        }
        if (c == '?') {
            parameters.add(new int[] {i, i + 1});
            return i + 1;
        }
        if (c == '$' && !identifierPart(previous(i))) {
            return dollar(i);
        }
        if (identifierPart(c)) {
            int j = i;
            while (j < text.length() && identifierPart(text.charAt(j))) {
                j++;
            }
            return j;
        }
        return i + 1;
    }

    /** {@code $1}, {@code $name}, or a dollar-quoted string {@code $tag$…$tag$}. */
    private int dollar(int i) {
        int j = i + 1;
        int n = text.length();
        if (j < n && Character.isDigit(text.charAt(j))) {
            while (j < n && Character.isDigit(text.charAt(j))) {
                j++;
            }
            parameters.add(new int[] {i, j});
            return j;
        }
        while (j < n && identifierPart(text.charAt(j))) {
            j++;
        }
        if (j < n && text.charAt(j) == '$') {
            String tag = text.substring(i, j + 1);
            int end = text.indexOf(tag, j + 1);
            return end < 0 ? n : end + tag.length();
        }
        if (j > i + 1) {
            parameters.add(new int[] {i, j});
        }
        return Math.max(j, i + 1);
    }

    private int skipQuoted(int i, char quote, boolean backslashEscapes) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (next(i) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private int skipLineComment(int i) {
        int end = text.indexOf('\n', i);
        return end < 0 ? text.length() : end + 1;
    }

    /** Block comments nest, as in PostgreSQL's grammar that DuckDB's parser comes from. */
    private int skipBlockComment(int i) {
        int depth = 0;
        int n = text.length();
        while (i < n) {
            if (text.charAt(i) == '/' && next(i) == '*') {
                depth++;
                i += 2;
            } else if (text.charAt(i) == '*' && next(i) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private char next(int i) {
        return i + 1 < text.length() ? text.charAt(i + 1) : '\0';
    }

    private char previous(int i) {
        return i > 0 ? text.charAt(i - 1) : '\0';
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
