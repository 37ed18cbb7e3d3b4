package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.FaultPlan;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerResponse;

/** The answer to a request that a fault plan replaces: the status with an HTML page, as a proxy would send it. */
final class FaultReplies {

    private FaultReplies() {
    }

    static Publisher<Void> status(HttpServerResponse res, FaultPlan fault) {
        String reason = HttpResponseStatus.valueOf(fault.status()).reasonPhrase();
        String html = "<html>\r\n<head><title>" + fault.status() + " " + reason + "</title></head>\r\n<body>\r\n"
                + "<center><h1>" + fault.status() + " " + reason + "</h1></center>\r\n<hr><center>altertable-mock"
                + "</center>\r\n</body>\r\n</html>\r\n";
        if (fault.retryAfter() != null) {
            res.header(HttpHeaderNames.RETRY_AFTER, Long.toString(fault.retryAfter().toSeconds()));
        }
        return Replies.text(res, fault.status(), "text/html", html);
    }
}
