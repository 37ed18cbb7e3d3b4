package ai.altertable.reactive.examples.webflux;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the lakehouse is: {@code altertable.base-url}, {@code altertable.username}, {@code altertable.password}. Each
 * one left unset falls back to the client's environment ({@code ALTERTABLE_BASE_URL},
 * {@code ALTERTABLE_LAKEHOUSE_USERNAME}/{@code _PASSWORD} or {@code ALTERTABLE_BASIC_AUTH_TOKEN}).
 *
 * @param baseUrl  the Lakehouse REST base URL, or {@code null}
 * @param username the user, or {@code null} for the environment's credentials
 * @param password the user's password (required with {@code username})
 */
@ConfigurationProperties("altertable")
public record AltertableProperties(String baseUrl, String username, String password) {

    /** Never shows the password. */
    @Override
    public String toString() {
        return "AltertableProperties[baseUrl=" + baseUrl + ", username=" + username + ", password="
                + (password == null ? "null" : "***") + "]";
    }
}
