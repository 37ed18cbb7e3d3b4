package ai.altertable.reactive.core.row.internal;

import ai.altertable.reactive.core.row.RowMetadata;

import java.util.Locale;

/**
 * Finds the column for a property name: the exact name first, then ignoring case, then ignoring case and underscores,
 * so that {@code user_id} matches {@code userId}. The first matching column wins at each step. Stateless.
 */
public final class ColumnMatcher {

    private ColumnMatcher() {
    }

    /** The index of the column for {@code property}, or {@code -1}. */
    public static int find(RowMetadata metadata, String property) {
        int index = metadata.indexOf(property);
        if (index >= 0) {
            return index;
        }
        String wanted = normalise(property);
        for (int i = 0; i < metadata.size(); i++) {
            if (normalise(metadata.column(i).name()).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    /** Lower case without underscores: {@code user_id}, {@code userId} and {@code USER_ID} all give {@code userid}. */
    static String normalise(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
