package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.FaultPlan;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One authenticated request on its way through a handler.
 *
 * @param request  the request
 * @param response the response
 * @param path     the raw path without query string
 * @param username the authenticated user
 * @param user     the user's state
 * @param fault    the fault plan for this request, or {@code null}
 */
record Exchange(HttpServerRequest request, HttpServerResponse response, String path, String username, UserState user,
                FaultPlan fault, java.util.concurrent.atomic.AtomicBoolean bodyRead) {

    Exchange(HttpServerRequest request, HttpServerResponse response, String path, String username, UserState user,
             FaultPlan fault) {
        this(request, response, path, username, user, fault, new java.util.concurrent.atomic.AtomicBoolean());
    }

    /** Marks the body as read by the handler (or being read), so a rejection need not drain it. */
    void bodyConsumed() {
        bodyRead.set(true);
    }

    boolean isBodyConsumed() {
        return bodyRead.get();
    }

    String header(CharSequence name) {
        return request.requestHeaders().get(name);
    }
}
