package ai.altertable.reactive.mock.internal.lakehouse;

import io.netty.handler.codec.http.HttpMethod;

import java.util.Set;

/**
 * The lakehouse routes (protocol §5-§11) and the methods each accepts. Matching is on the raw path: exact for fixed
 * routes, and a single non-empty segment for {@code {id}}.
 */
enum Route {
    QUERY("/query", Set.of(HttpMethod.POST)),
    QUERY_ID("/query/{id}", Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE)),
    VALIDATE("/validate", Set.of(HttpMethod.POST)),
    EXPLAIN("/explain", Set.of(HttpMethod.POST)),
    AUTOCOMPLETE("/autocomplete", Set.of(HttpMethod.POST)),
    UPLOAD("/upload", Set.of(HttpMethod.POST)),
    UPSERT("/upsert", Set.of(HttpMethod.POST)),
    APPEND("/append", Set.of(HttpMethod.POST)),
    TASK("/tasks/{id}", Set.of(HttpMethod.GET, HttpMethod.HEAD));

    private final String template;
    private final Set<HttpMethod> methods;

    Route(String template, Set<HttpMethod> methods) {
        this.template = template;
        this.methods = methods;
    }

    /** The route template, used to match fault plans ({@code /query}, {@code /query/{id}}, ...). */
    String template() {
        return template;
    }

    boolean allows(HttpMethod m) {
        return methods.contains(m);
    }

    /** The {@code Allow} header of a 405 answer. */
    String allowHeader() {
        StringBuilder sb = new StringBuilder();
        for (HttpMethod m : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.DELETE}) {
            if (methods.contains(m)) {
                sb.append(sb.length() == 0 ? "" : ",").append(m.name());
            }
        }
        return sb.toString();
    }

    /** The route for a raw path (no query string), or {@code null}. */
    static Route match(String path) {
        switch (path) {
            case "/query": return QUERY;
            case "/validate": return VALIDATE;
            case "/explain": return EXPLAIN;
            case "/autocomplete": return AUTOCOMPLETE;
            case "/upload": return UPLOAD;
            case "/upsert": return UPSERT;
            case "/append": return APPEND;
            default:
                if (isIdPath(path, "/query/")) {
                    return QUERY_ID;
                }
                return isIdPath(path, "/tasks/") ? TASK : null;
        }
    }

    private static boolean isIdPath(String path, String prefix) {
        return path.startsWith(prefix) && path.length() > prefix.length() && path.indexOf('/', prefix.length()) < 0;
    }

    /** The {@code {id}} segment of an id route, percent-decoded ({@code +} stays a plus, bad escapes stay text). */
    static String id(String path) {
        return Percent.decodePathSegment(path.substring(path.lastIndexOf('/') + 1));
    }
}
