package ai.altertable.reactive.mock.internal.flight;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The values of a prepared statement's last bind (protocol §9.2): every value of every uploaded row, flattened into one
 * positional list of text, as the Altertable server binds them; plus what that flattening did to the upload, so that a
 * failed execution can say which limit the client ran into and how to bind instead.
 *
 * <p>The values are exactly the server's (a test against the mock fails where production fails); only the error text
 * says more than the server's does.
 */
final class BoundParameters {

    /** Nothing bound yet. */
    static final BoundParameters NONE = new BoundParameters(List.of(), 0, List.of());

    private final List<String> values;
    private final int rows;
    private final List<String> notes;

    /**
     * @param values the text of every value, row by row
     * @param rows   how many rows the upload held
     * @param notes  one sentence per value the server does not bind as the client meant it (a null, binary data, a type
     *               it does not read), each naming the parameter, the limit and the fix
     */
    BoundParameters(List<String> values, int rows, List<String> notes) {
        this.values = List.copyOf(values);
        this.rows = rows;
        this.notes = List.copyOf(notes);
    }

    /** The text values, by position. */
    List<String> values() {
        return values;
    }

    /**
     * The message of a failed execution: DuckDB's text, then what the server's binding limits did to these values and
     * what to do instead, when any applies.
     *
     * @param duckDbMessage  DuckDB's error text
     * @param parameterCount how many parameters the statement has
     */
    String explain(String duckDbMessage, int parameterCount) {
        Set<String> hints = new LinkedHashSet<>();
        if (rows > 1) {
            hints.add("the server binds one parameter row per execution, and " + rows + " rows were bound (their "
                    + values.size() + " values were taken as one row): execute the statement once per row (with JDBC: "
                    + "executeQuery or executeUpdate per row, not addBatch and executeBatch)");
        } else if (values.size() != parameterCount) {
            hints.add(count(values.size(), "value") + (values.size() == 1 ? " was" : " were") + " bound for "
                    + count(parameterCount, "parameter") + ": bind one column per parameter, in the order the "
                    + "parameters first appear in the SQL");
        }
        hints.addAll(notes);
        if (hints.isEmpty()) {
            return duckDbMessage;
        }
        StringBuilder out = new StringBuilder(Objects.requireNonNullElse(duckDbMessage, "").strip());
        // after DuckDB's text; on a line of their own when DuckDB's text ends with a caret under the SQL
        String separator = out.indexOf("\n") >= 0 ? "\n" : out.length() == 0 ? "" : ". ";
        for (String hint : hints) {
            out.append(separator).append(Character.toUpperCase(hint.charAt(0))).append(hint, 1, hint.length());
            separator = ". ";
        }
        return out.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Collects the values of an upload, row by row, and the notes about them, without repeating a note. */
    static final class Builder {
        private final List<String> values = new ArrayList<>();
        private final Set<String> notes = new LinkedHashSet<>();
        private int rows;

        void row() {
            rows++;
        }

        void value(String text, String note) {
            values.add(text);
            if (note != null) {
                notes.add(note);
            }
        }

        BoundParameters build() {
            return new BoundParameters(values, rows, new ArrayList<>(notes));
        }
    }
}
