package ai.altertable.reactive.mock.internal.lakehouse;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query-string parameters with the official mock's rejections: a missing required field or a repeated one is
 * {@code 400 Failed to deserialize query string: ...}. Values are percent-decoded, {@code +} is a space.
 */
final class QueryStringParams {

    private final Map<String, List<String>> params;

    private QueryStringParams(Map<String, List<String>> params) {
        this.params = params;
    }

    static QueryStringParams of(String uri, Set<String> known) {
        Map<String, List<String>> p = new QueryStringDecoder(uri).parameters();
        for (Map.Entry<String, List<String>> e : p.entrySet()) {
            if (e.getValue().size() > 1 && known.contains(e.getKey())) {
                throw Rejection.badQueryString("duplicate field `" + e.getKey() + "`");
            }
        }
        return new QueryStringParams(p);
    }

    String required(String name) {
        String v = optional(name);
        if (v == null) {
            throw Rejection.badQueryString("missing field `" + name + "`");
        }
        return v;
    }

    String optional(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** An optional boolean ({@code true}/{@code false}); anything else is 400. */
    boolean optionalBoolean(String name) {
        String v = optional(name);
        if (v == null) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw Rejection.badQueryString(name + ": provided string was not `true` or `false`");
    }
}
