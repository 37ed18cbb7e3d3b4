package ai.altertable.reactive.mock;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A fault the mock injects into responses, to test what the official mock cannot produce and clients must survive.
 *
 * <p>Install one from Java with {@link AltertableMock#faults()}, or per request with the header
 * {@value #HEADER}, whose value is a {@code ;}-separated list of {@code key=value} settings:
 * <pre>
 * X-Altertable-Mock-Fault: status=503; times=3
 * X-Altertable-Mock-Fault: error-after-rows=10
 * X-Altertable-Mock-Fault: close-after-bytes=1500; chunk-bytes=7
 * X-Altertable-Mock-Fault: close-after-lines=12
 * X-Altertable-Mock-Fault: first-line-delay=200ms; row-delay=5ms
 * X-Altertable-Mock-Fault: status=429; retry-after=2
 * X-Altertable-Mock-Fault: status-after=503
 * X-Altertable-Mock-Fault: answer-delay=200ms; times=50
 * </pre>
 * <ul>
 *   <li>{@code status} (500, 502, 503, 429, any 4xx/5xx): answer with that status and a small HTML body (as proxies do)
 *       instead of running the request; {@code retry-after} (seconds) adds a {@code Retry-After} header.</li>
 *   <li>{@code times}: with the header, the fault also applies to the next {@code times - 1} requests to the same
 *       path (so {@code status=503; times=3} fails this request and the next two).</li>
 *   <li>{@code error-after-rows}: a {@code /query} stream sends an {@code {"error": ...}} line after that many rows.</li>
 *   <li>{@code status-after} (any 4xx/5xx): on {@code /append}, {@code /upload} and {@code /upsert}, the request
 *       <em>runs</em> (the rows are committed), then its answer is replaced by that status and the HTML body: the
 *       "5xx after the server committed" that makes a retried write a duplicate. Other routes ignore it.</li>
 *   <li>{@code answer-delay} ({@code ms} or {@code s} suffix; a bare number is milliseconds): on {@code /append},
 *       {@code /upload} and {@code /upsert}, the request <em>runs</em> (the rows are committed), then its answer waits
 *       that long before it is sent (a timer, no thread is held): a slow server, whose acknowledgements lag behind
 *       its writes. With {@code times}, each of the next requests to the path is delayed so; it combines with
 *       {@code status-after} and {@code close-after-bytes} (the spoiled answer is the one delayed). Other routes
 *       ignore it.</li>
 *   <li>{@code close-after-bytes}: the connection is closed after that many bytes of the response body: of a
 *       {@code /query} stream, or of the answer of {@code /append}, {@code /upload} and {@code /upsert}, which run
 *       first ({@code close-after-bytes=0} on a write is a reset after the server committed; a limit at or past the end
 *       of a body leaves it whole).</li>
 *   <li>{@code close-after-lines}: a {@code /query} stream's connection is closed right after that many whole lines
 *       (metadata and columns lines included): a cut exactly at a line end, wherever the lines before it end (the
 *       metadata line's length varies with {@code init_time_ms}, so a byte count cannot aim at a line end reliably).
 *       A count at or past the last line leaves the lines whole but still drops the connection before the body's
 *       end. Writes ignore it.</li>
 *   <li>{@code first-line-delay}, {@code row-delay}: a delay before the first body line and between rows
 *       ({@code ms} or {@code s} suffix; a bare number is milliseconds).</li>
 *   <li>{@code chunk-bytes}: the body is written in chunks of that many bytes, each flushed on its own, so lines and
 *       multi-byte UTF-8 characters are split across network reads.</li>
 * </ul>
 * Faults are checked after routing and before authentication, as a proxy in front of the server would answer.
 *
 * <p><b>Flight.</b> A plan added with {@link AltertableMock#faults()} whose {@link Builder#path path} is
 * {@value #FLIGHT_DO_GET} applies to the next Flight {@code DoGet} streams (never a plan without a path, nor the
 * header, which is HTTP only): {@code error-after-rows=N} makes the server abort the stream with
 * {@code CANCELLED} once it has sent at least {@code N} rows, always between two whole record batches (so
 * {@code 0} aborts before the first batch, and {@code N} at or beyond the result's size aborts instead of completing).
 * The other settings do not apply to Flight.
 */
public final class FaultPlan {

    /** The request header that carries a fault plan. */
    public static final String HEADER = "X-Altertable-Mock-Fault";

    /** The {@link Builder#path path} of a plan for Flight {@code DoGet} streams. */
    public static final String FLIGHT_DO_GET = "DoGet";

    private final int status;
    private final int statusAfter;
    private final Duration answerDelay;
    private final Duration retryAfter;
    private final int times;
    private final String path;
    private final long errorAfterRows;
    private final long closeAfterBytes;
    private final long closeAfterLines;
    private final Duration firstLineDelay;
    private final Duration rowDelay;
    private final int chunkBytes;

    private FaultPlan(Builder b) {
        this.status = b.status;
        this.statusAfter = b.statusAfter;
        this.answerDelay = b.answerDelay;
        this.retryAfter = b.retryAfter;
        this.times = b.times;
        this.path = b.path;
        this.errorAfterRows = b.errorAfterRows;
        this.closeAfterBytes = b.closeAfterBytes;
        this.closeAfterLines = b.closeAfterLines;
        this.firstLineDelay = b.firstLineDelay;
        this.rowDelay = b.rowDelay;
        this.chunkBytes = b.chunkBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses the value of the {@value #HEADER} header.
     *
     * @throws IllegalArgumentException naming the bad setting
     */
    public static FaultPlan parse(String header) {
        Builder b = builder();
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("fault setting without a value: " + p);
            }
            String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).strip();
            try {
                apply(b, key, value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault setting " + key + " has a bad value: " + value);
            }
        }
        return b.build();
    }

    private static void apply(Builder b, String key, String value) {
        switch (key) {
            case "status": b.status(Integer.parseInt(value)); break;
            case "status-after": b.statusAfter(Integer.parseInt(value)); break;
            case "answer-delay": b.answerDelay(duration(value)); break;
            case "retry-after": b.retryAfter(Duration.ofSeconds(Long.parseLong(value))); break;
            case "times": b.times(Integer.parseInt(value)); break;
            case "error-after-rows": b.errorAfterRows(Long.parseLong(value)); break;
            case "close-after-bytes": b.closeAfterBytes(Long.parseLong(value)); break;
            case "close-after-lines": b.closeAfterLines(Long.parseLong(value)); break;
            case "first-line-delay": b.firstLineDelay(duration(value)); break;
            case "row-delay": b.rowDelay(duration(value)); break;
            case "chunk-bytes": b.chunkBytes(Integer.parseInt(value)); break;
            default: throw new IllegalArgumentException("unknown fault setting: " + key);
        }
    }

    private static Duration duration(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
        }
        if (s.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).strip()));
        }
        return Duration.ofMillis(Long.parseLong(s));
    }

    /** A builder holding this plan's settings. */
    public Builder mutate() {
        Builder b = new Builder();
        b.status = status;
        b.statusAfter = statusAfter;
        b.answerDelay = answerDelay;
        b.retryAfter = retryAfter;
        b.times = times;
        b.path = path;
        b.errorAfterRows = errorAfterRows;
        b.closeAfterBytes = closeAfterBytes;
        b.closeAfterLines = closeAfterLines;
        b.firstLineDelay = firstLineDelay;
        b.rowDelay = rowDelay;
        b.chunkBytes = chunkBytes;
        return b;
    }

    /** The status to answer with instead of running the request, or 0. */
    public int status() {
        return status;
    }

    /** The status that replaces the answer of a write after it ran, or 0. */
    public int statusAfter() {
        return statusAfter;
    }

    /** How long the answer of a write waits after the write ran ({@link Duration#ZERO}: not at all). */
    public Duration answerDelay() {
        return answerDelay;
    }

    /** {@code Retry-After} to send with {@link #status()} or {@link #statusAfter()}, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** How many requests the plan applies to. */
    public int times() {
        return times;
    }

    /** The path the plan applies to ({@code /query}, ...), or {@code null} for any known route. */
    public String path() {
        return path;
    }

    /** Rows before an in-stream error line, or -1. */
    public long errorAfterRows() {
        return errorAfterRows;
    }

    /** Body bytes after which the connection is closed, or -1. */
    public long closeAfterBytes() {
        return closeAfterBytes;
    }

    /** Whole {@code /query} body lines after which the connection is closed, or -1. */
    public long closeAfterLines() {
        return closeAfterLines;
    }

    public Duration firstLineDelay() {
        return firstLineDelay;
    }

    public Duration rowDelay() {
        return rowDelay;
    }

    /** Size of body chunks written separately, or 0 for normal writes. */
    public int chunkBytes() {
        return chunkBytes;
    }

    /** Whether the plan changes how a response body is written (as opposed to replacing the response). */
    public boolean shapesBody() {
        return errorAfterRows >= 0 || closeAfterBytes >= 0 || closeAfterLines >= 0 || !firstLineDelay.isZero() || !rowDelay.isZero()
                || chunkBytes > 0;
    }

    /** Whether the plan applies to a request to {@code requestPath}. */
    public boolean appliesTo(String requestPath) {
        return path == null || path.equals(requestPath);
    }

    @Override
    public String toString() {
        return "FaultPlan[status=" + status + ", statusAfter=" + statusAfter + ", answerDelay=" + answerDelay
                + ", times=" + times + ", path=" + path
                + ", errorAfterRows=" + errorAfterRows
                + ", closeAfterBytes=" + closeAfterBytes + ", closeAfterLines=" + closeAfterLines + ", firstLineDelay=" + firstLineDelay + ", rowDelay=" + rowDelay
                + ", chunkBytes=" + chunkBytes + "]";
    }

    /** Builder for {@link FaultPlan}. */
    public static final class Builder {
        private int status;
        private int statusAfter;
        private Duration answerDelay = Duration.ZERO;
        private Duration retryAfter;
        private int times = 1;
        private String path;
        private long errorAfterRows = -1;
        private long closeAfterBytes = -1;
        private long closeAfterLines = -1;
        private Duration firstLineDelay = Duration.ZERO;
        private Duration rowDelay = Duration.ZERO;
        private int chunkBytes;

        private Builder() {
        }

        /** Answer with this status (4xx/5xx) and an HTML body instead of running the request. */
        public Builder status(int status) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("fault status must be 4xx or 5xx, was " + status);
            }
            this.status = status;
            return this;
        }

        /**
         * On {@code /append}, {@code /upload} and {@code /upsert}: run the request, then answer with this status (4xx/5xx)
         * and an HTML body instead of its own answer.
         */
        public Builder statusAfter(int status) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("fault status-after must be 4xx or 5xx, was " + status);
            }
            this.statusAfter = status;
            return this;
        }

        /**
         * On {@code /append}, {@code /upload} and {@code /upsert}: run the request, then hold its answer this long
         * (on a timer) before sending it.
         */
        public Builder answerDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("answerDelay must not be negative, was " + delay);
            }
            this.answerDelay = delay;
            return this;
        }

        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
            return this;
        }

        /** Apply to this many requests (default 1). */
        public Builder times(int times) {
            if (times < 1) {
                throw new IllegalArgumentException("times must be at least 1, was " + times);
            }
            this.times = times;
            return this;
        }

        /** Only requests to this path ({@code /query}, {@code /append}, ...); default: any known route. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder errorAfterRows(long rows) {
            this.errorAfterRows = requireNonNegative(rows, "errorAfterRows");
            return this;
        }

        public Builder closeAfterBytes(long bytes) {
            this.closeAfterBytes = requireNonNegative(bytes, "closeAfterBytes");
            return this;
        }

        /** Close a {@code /query} stream's connection right after this many whole body lines. */
        public Builder closeAfterLines(long lines) {
            this.closeAfterLines = requireNonNegative(lines, "closeAfterLines");
            return this;
        }

        public Builder firstLineDelay(Duration delay) {
            this.firstLineDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        public Builder rowDelay(Duration delay) {
            this.rowDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        public Builder chunkBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("chunkBytes must be at least 1, was " + bytes);
            }
            this.chunkBytes = bytes;
            return this;
        }

        private static long requireNonNegative(long v, String name) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + v);
            }
            return v;
        }

        public FaultPlan build() {
            return new FaultPlan(this);
        }
    }
}
