package ai.altertable.reactive.postgres.internal;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The username and password the Postgres startup sends, from the core {@link Credentials}: the username form as it
 * is, the token form ({@code base64(username:password)}) decoded. {@link #toString()} never shows the password.
 */
public final class PgLogin {

    private final String username;
    private final String password;

    private PgLogin(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /**
     * @throws ConfigurationException when a token does not decode to {@code username:password}
     */
    public static PgLogin of(Credentials credentials) {
        String decoded = new String(Base64.getDecoder().decode(credentials.basicToken()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new ConfigurationException("the credentials' token does not hold a username and a password ("
                    + credentials.source() + ")");
        }
        return new PgLogin(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    public String username() {
        return username;
    }

    /** Treat it as a secret. */
    public CharSequence password() {
        return password;
    }

    @Override
    public String toString() {
        return "PgLogin[username=" + username + "]";
    }
}
