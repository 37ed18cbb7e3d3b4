package ai.altertable.reactive.micrometer;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.OperationTimeoutException;

/** The bounded tag values derived from an operation's end or a retry's cause. */
final class Outcomes {

    static final String SUCCESS = "success";
    static final String ERROR = "error";
    static final String CANCELLED = "cancelled";
    static final String UNKNOWN = "unknown";
    static final String NONE = "none";

    private Outcomes() {
    }

    /** {@code 4xx} or {@code 5xx} (any status the failure carried), {@code none} without one. */
    static String statusClass(Throwable error) {
        int status = error instanceof AltertableException ? ((AltertableException) error).status() : -1;
        return status >= 100 && status < 600 ? (status / 100) + "xx" : NONE;
    }

    /** {@code timeout}, {@code network}, {@code throttled} (429), {@code server} (other statuses) or {@code other}. */
    static String cause(Throwable error) {
        if (error instanceof OperationTimeoutException) {
            return "timeout";
        }
        if (error instanceof NetworkException) {
            return "network";
        }
        if (error instanceof AltertableException) {
            int status = ((AltertableException) error).status();
            return status == 429 ? "throttled" : status > 0 ? "server" : "other";
        }
        return "other";
    }
}
