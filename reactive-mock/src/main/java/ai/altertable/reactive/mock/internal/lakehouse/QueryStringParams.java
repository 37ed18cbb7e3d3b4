package ai.altertable.reactive.mock.internal.lakehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query-string parameters with the official mock's rejections: a missing required field or a repeated one is
 * {@code 400 Failed to deserialize query string: ...}. Parsed as {@code form_urlencoded} does: pairs split on
 * {@code &} only (a {@code ;} is part of the value), a pair without {@code =} has an empty value, {@code +} is a
 * space, and a malformed {@code %} escape is kept as text ({@link Percent}).
 */
final class QueryStringParams {

    private final Map<String, List<String>> params;

    private QueryStringParams(Map<String, List<String>> params) {
        this.params = params;
    }

    static QueryStringParams of(String uri, Set<String> known) {
        Map<String, List<String>> p = parse(uri);
        for (Map.Entry<String, List<String>> e : p.entrySet()) {
            if (e.getValue().size() > 1 && known.contains(e.getKey())) {
                throw Rejection.badQueryString("duplicate field `" + e.getKey() + "`");
            }
        }
        return new QueryStringParams(p);
    }

    private static Map<String, List<String>> parse(String uri) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int q = uri.indexOf('?');
        if (q < 0) {
            return out;
        }
        int hash = uri.indexOf('#', q);
        String query = uri.substring(q + 1, hash < 0 ? uri.length() : hash);
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = Percent.decodeQueryComponent(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : Percent.decodeQueryComponent(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return out;
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

    /**
     * An optional boolean: {@code true}/{@code false}, or {@code 1}/{@code 0} as HTTP clients that encode booleans as
     * numbers send them (PHP's {@code http_build_query}; protocol §17). Anything else, an empty value included, is 400.
     */
    boolean optionalBoolean(String name) {
        String v = optional(name);
        if (v == null) {
            return false;
        }
        switch (v) {
            case "true":
            case "1":
                return true;
            case "false":
            case "0":
                return false;
            default:
                throw Rejection.badQueryString(name + ": provided string was not `true`, `false`, `1` or `0`");
        }
    }
}
