package ai.altertable.reactive.mock.internal.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A simple Query's string cut into statements at the semicolons outside quotes ({@code '...'}, {@code "..."},
 * dollar quotes) and comments, and the first keywords of a statement, which give its command tag.
 */
final class Statements {

    private Statements() {
    }

    /** The statements of {@code sql}, stripped; those with nothing but blanks and comments are left out. */
    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = closing(sql, i + 1, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (c == '$' && (i == 0 || !isWord(sql.charAt(i - 1)))) {
                i = dollarQuoteEnd(sql, i);
            } else if (c == ';') {
                add(out, sql.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        add(out, sql.substring(start));
        return out;
    }

    private static void add(List<String> out, String statement) {
        if (!keywords(statement, 1).isEmpty()) {
            out.add(statement.strip());
        }
    }

    /** Past the quote that closes one opened before {@code from} (a doubled quote is part of the text). */
    static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    /** Past the end of a dollar-quoted string starting at {@code at}, or just past the {@code $} if it is not one. */
    private static int dollarQuoteEnd(String sql, int at) {
        int j = at + 1;
        while (j < sql.length() && isWord(sql.charAt(j)) && !Character.isDigit(sql.charAt(at + 1))) {
            j++;
        }
        if (j >= sql.length() || sql.charAt(j) != '$') {
            return at + 1;
        }
        String tag = sql.substring(at, j + 1);
        int e = sql.indexOf(tag, j + 1);
        return e < 0 ? sql.length() : e + tag.length();
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Up to {@code max} leading words of a statement, upper case, skipping blanks, comments and parentheses. */
    static List<String> keywords(String sql, int max) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n && words.size() < max) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (isWord(c)) {
                int j = i;
                while (j < n && isWord(sql.charAt(j))) {
                    j++;
                }
                words.add(sql.substring(i, j).toUpperCase(Locale.ROOT));
                i = j;
            } else {
                words.add(String.valueOf(c));
                break;
            }
        }
        return words;
    }

    /**
     * The CommandComplete tag of a statement that ran: {@code SELECT n} for a result set of n rows, {@code INSERT 0 n},
     * {@code UPDATE n} and the like for changed rows, else its leading keywords ({@code CREATE TABLE}, {@code BEGIN}).
     */
    static String tag(String sql, boolean resultSet, long rows) {
        List<String> w = keywords(sql, 6);
        String first = w.isEmpty() ? "" : w.get(0);
        switch (first) {
            case "INSERT": return "INSERT 0 " + rows;
            case "UPDATE": case "DELETE": case "MERGE": case "COPY": return first + " " + rows;
            case "SHOW": return resultSet ? "SHOW" : first;
            case "START": return "START TRANSACTION";
            case "END": return "COMMIT";
            case "ABORT": return "ROLLBACK";
            case "CREATE": case "DROP": case "ALTER": return first + " " + object(w);
            default: return resultSet ? "SELECT " + rows : first;
        }
    }

    private static String object(List<String> w) {
        for (int i = 1; i < w.size(); i++) {
            switch (w.get(i)) {
                case "OR": case "REPLACE": case "TEMP": case "TEMPORARY": case "UNIQUE": case "IF": case "NOT":
                case "EXISTS": case "PERSISTENT":
                    continue;
                default:
                    return w.get(i);
            }
        }
        return "";
    }
}
