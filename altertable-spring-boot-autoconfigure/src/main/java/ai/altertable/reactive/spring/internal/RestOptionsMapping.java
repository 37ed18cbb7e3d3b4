package ai.altertable.reactive.spring.internal;

import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.spring.AltertableProperties;
import ai.altertable.reactive.spring.AltertableProperties.Rest;

import java.util.Map;
import java.util.Set;

import static ai.altertable.reactive.spring.internal.CommonSettings.check;
import static ai.altertable.reactive.spring.internal.CommonSettings.set;

/** {@code altertable.*} onto a {@link LakehouseClientOptions.Builder}. */
public final class RestOptionsMapping {

    private RestOptionsMapping() {
    }

    /**
     * A builder holding every property that is set, the credentials resolved (properties, else {@code variables}),
     * and {@code variables} as the builder's environment (for the proxy). Build it with {@link #build}.
     */
    public static LakehouseClientOptions.Builder builder(AltertableProperties properties,
                                                         Map<String, String> variables) {
        LakehouseClientOptions.Builder b = LakehouseClientOptions.builder().environment(variables);
        String url = properties.baseUrl() != null && !properties.baseUrl().isBlank() ? properties.baseUrl()
                : variables.get(LakehouseClientOptions.ENV_BASE_URL);
        if (url != null) {
            b.baseUrl(Urls.check(url, "altertable.base-url", Set.of("http", "https"), false));
        }
        b.credentials(CommonSettings.credentials(properties.credentials(), variables));
        b.retryPolicy(CommonSettings.retryPolicy(properties.retry()));
        set(properties.userAgent(), b::userAgent);
        Rest rest = properties.rest();
        set(rest.connectTimeout(), b::connectTimeout);
        set(rest.responseTimeout(), b::responseTimeout);
        set(rest.idleTimeout(), b::idleTimeout);
        set(rest.maxLineSize(), size -> b.maxLineBytes(Sizes.toInt(size, "altertable.rest.max-line-size")));
        set(rest.maxConnections(), b::maxConnections);
        set(rest.maxIdleTime(), b::maxIdleTime);
        set(rest.maxLifeTime(), b::maxLifeTime);
        return b;
    }

    /** {@code builder.build()}, a failure naming the {@code altertable.rest} properties. */
    public static LakehouseClientOptions build(LakehouseClientOptions.Builder builder) {
        return check("altertable.rest", builder::build);
    }
}
