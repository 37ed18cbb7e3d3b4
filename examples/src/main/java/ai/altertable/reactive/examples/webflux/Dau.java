package ai.altertable.reactive.examples.webflux;

import java.time.LocalDate;

/**
 * Daily active users: one row of {@code GET /dau}, mapped by column name from the lakehouse rows and written to HTTP
 * clients as {@code {"day":"2026-03-01","users":42}}.
 *
 * @param day   the UTC day
 * @param users distinct users with at least one event that day
 */
public record Dau(LocalDate day, long users) {

    /**
     * The query for the days from {@code since} on. {@code since} is a {@link LocalDate}, so its text is always
     * {@code yyyy-MM-dd}: nothing from the request reaches the SQL as free text.
     */
    static String sql(LocalDate since) {
        return """
                SELECT CAST(date_trunc('day', timestamp) AS DATE) AS day, COUNT(DISTINCT user_id) AS users
                FROM events
                WHERE timestamp >= DATE '%s'
                GROUP BY 1 ORDER BY 1""".formatted(since);
    }
}
