package ai.altertable.reactive.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses an HTTP {@code Retry-After} value: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
public final class RetryAfterHeader {

    private static final long MAX_SECONDS = 24 * 3600;

    private RetryAfterHeader() {
    }

    /**
     * The wait the header asks for, relative to {@code now}; {@code null} for a missing or unparseable value. A date in
     * the past gives {@link Duration#ZERO}; values are capped at one day.
     */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            if (v.length() > 6) {
                return Duration.ofSeconds(MAX_SECONDS);
            }
            return Duration.ofSeconds(Math.min(MAX_SECONDS, Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            if (d.isNegative()) {
                return Duration.ZERO;
            }
            return d.getSeconds() > MAX_SECONDS ? Duration.ofSeconds(MAX_SECONDS) : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
