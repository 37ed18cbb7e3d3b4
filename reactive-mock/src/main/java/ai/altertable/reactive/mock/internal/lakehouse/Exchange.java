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
                FaultPlan fault) {

    String header(CharSequence name) {
        return request.requestHeaders().get(name);
    }
}
