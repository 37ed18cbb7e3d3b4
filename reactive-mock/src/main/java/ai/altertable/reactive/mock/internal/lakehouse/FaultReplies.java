package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.FaultPlan;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerResponse;

import java.time.Duration;

/** The answer to a request that a fault plan replaces: the status with an HTML page, as a proxy would send it. */
final class FaultReplies {

    private FaultReplies() {
    }

    static Publisher<Void> status(HttpServerResponse res, FaultPlan fault) {
        return status(res, fault.status(), fault.retryAfter());
    }

    /** {@code status} with the HTML page, and {@code Retry-After} when {@code retryAfter} is not null. */
    static Publisher<Void> status(HttpServerResponse res, int status, Duration retryAfter) {
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
        String html = "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n"
                + "<center><h1>" + status + " " + reason + "</h1></center>\r\n<hr><center>altertable-mock"
                + "</center>\r\n</body>\r\n</html>\r\n";
        if (retryAfter != null) {
            res.header(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
        }
        return Replies.text(res, status, "text/html", html);
    }
}
