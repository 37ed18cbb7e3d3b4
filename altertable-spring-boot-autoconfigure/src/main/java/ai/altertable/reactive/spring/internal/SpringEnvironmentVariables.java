package ai.altertable.reactive.spring.internal;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.ProxyOptions;
import org.springframework.core.env.Environment;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables the client libraries read from the process environment ({@code ALTERTABLE_*}, {@code HTTPS_PROXY},
 * {@code NO_PROXY}), looked up in Spring's {@link Environment} instead: the real environment is one of its sources,
 * and tests (or {@code application.properties}) can supply them too.
 */
public final class SpringEnvironmentVariables {

    private static final List<String> COMMON = List.of(Credentials.ENV_USERNAME, Credentials.ENV_PASSWORD,
            Credentials.ENV_BASIC_TOKEN, Credentials.ENV_LEGACY_USERNAME, Credentials.ENV_LEGACY_PASSWORD,
            ProxyOptions.ENV_HTTPS_PROXY, ProxyOptions.ENV_NO_PROXY);

    private SpringEnvironmentVariables() {
    }

    /**
     * The known variables, and {@code extra} ones (a client's URL variable), that {@code environment} resolves. The
     * proxy variables are looked up in upper and lower case, as the library does.
     */
    public static Map<String, String> of(Environment environment, String... extra) {
        Map<String, String> variables = new HashMap<>();
        for (String name : COMMON) {
            copy(environment, name, variables);
        }
        copy(environment, ProxyOptions.ENV_HTTPS_PROXY.toLowerCase(Locale.ROOT), variables);
        copy(environment, ProxyOptions.ENV_NO_PROXY.toLowerCase(Locale.ROOT), variables);
        for (String name : extra) {
            copy(environment, name, variables);
        }
        return Map.copyOf(variables);
    }

    private static void copy(Environment environment, String name, Map<String, String> into) {
        String value = environment.getProperty(name);
        if (value != null && !value.isBlank()) {
            into.put(name, value);
        }
    }
}
