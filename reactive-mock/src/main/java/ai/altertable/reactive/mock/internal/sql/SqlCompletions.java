package ai.altertable.reactive.mock.internal.sql;

import ai.altertable.reactive.core.model.Suggestion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST /autocomplete} (protocol §9.3) computed in Java, since DuckDB's {@code autocomplete} extension cannot be
 * downloaded offline: the word being typed at the end of the statement is completed from SQL keywords (upper case,
 * with a trailing space, as DuckDB suggests them), catalogs, schemas, tables and views, columns, and functions,
 * matched case-insensitively by prefix. After {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE} or
 * {@code TABLE} only relations are offered; after {@code x.} the relations of schema or catalog {@code x} and the
 * columns of table {@code x}. Suggestions are ordered alphabetically by text, as the official mock orders them.
 * Blocking: call on the database scheduler.
 */
public final class SqlCompletions {

    private static final Set<String> RELATION_CONTEXT = Set.of("FROM", "JOIN", "INTO", "UPDATE", "TABLE", "DESCRIBE",
            "SUMMARIZE");

    private SqlCompletions() {
    }

    /**
     * Suggestions for the end of {@code statement} (already trimmed), at most {@code max}.
     *
     * @throws SQLException when DuckDB's catalog functions fail
     */
    public static List<Suggestion> suggest(Connection c, String statement, int max) throws SQLException {
        int start = wordStart(statement);
        String prefix = statement.substring(start).toLowerCase(Locale.ROOT);
        String qualifier = qualifier(statement, start);
        TreeSet<String> candidates = new TreeSet<>();
        if (qualifier != null) {
            addQualified(c, qualifier, candidates);
        } else if (RELATION_CONTEXT.contains(previousWord(statement, start))) {
            addRelations(c, candidates);
        } else {
            addAll(c, candidates, "SELECT upper(keyword_name) || ' ' FROM duckdb_keywords()");
            if (!prefix.isEmpty()) {
                addRelations(c, candidates);
                addAll(c, candidates, "SELECT DISTINCT column_name FROM duckdb_columns()");
                addAll(c, candidates, "SELECT DISTINCT function_name FROM duckdb_functions() WHERE NOT internal "
                        + "OR function_type IN ('scalar', 'aggregate', 'table')");
            }
        }
        List<Suggestion> out = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate.toLowerCase(Locale.ROOT).startsWith(prefix) && out.size() < max) {
                out.add(Suggestion.of(candidate, start));
            }
        }
        return out;
    }

    /** Start of the identifier being typed at the end ({@code statement.length()} after a space or operator). */
    static int wordStart(String s) {
        int i = s.length();
        while (i > 0 && isWordChar(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isWordChar(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_' || ch == '$';
    }

    /** The identifier before a {@code .} right before the word, or {@code null}. */
    static String qualifier(String s, int wordStart) {
        if (wordStart == 0 || s.charAt(wordStart - 1) != '.') {
            return null;
        }
        int end = wordStart - 1;
        int begin = wordStart(s.substring(0, end));
        return begin == end ? null : s.substring(begin, end);
    }

    /** The word before the one being typed, upper case, or {@code ""}. */
    static String previousWord(String s, int wordStart) {
        int end = wordStart;
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        if (end == wordStart && wordStart > 0) {
            return ""; // no whitespace between: an operator or punctuation precedes the word
        }
        int begin = wordStart(s.substring(0, end));
        return s.substring(begin, end).toUpperCase(Locale.ROOT);
    }

    private static void addRelations(Connection c, TreeSet<String> out) throws SQLException {
        addAll(c, out, "SELECT database_name FROM duckdb_databases() WHERE NOT internal");
        addAll(c, out, "SELECT DISTINCT schema_name FROM duckdb_schemas() WHERE NOT internal");
        addAll(c, out, "SELECT table_name FROM duckdb_tables() WHERE NOT internal");
        addAll(c, out, "SELECT view_name FROM duckdb_views() WHERE NOT internal");
    }

    private static void addQualified(Connection c, String qualifier, TreeSet<String> out) throws SQLException {
        addAll(c, out, "SELECT table_name FROM duckdb_tables() WHERE lower(schema_name) = lower(?) "
                + "OR lower(database_name) = lower(?)", qualifier, qualifier);
        addAll(c, out, "SELECT DISTINCT schema_name FROM duckdb_schemas() WHERE lower(database_name) = lower(?)",
                qualifier);
        addAll(c, out, "SELECT column_name FROM duckdb_columns() WHERE lower(table_name) = lower(?)", qualifier);
    }

    private static void addAll(Connection c, TreeSet<String> out, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String v = rs.getString(1);
                    if (v != null && !v.isBlank()) {
                        out.add(v);
                    }
                }
            }
        }
    }
}
