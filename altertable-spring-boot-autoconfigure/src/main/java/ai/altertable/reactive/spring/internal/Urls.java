package ai.altertable.reactive.spring.internal;

import ai.altertable.reactive.spring.InvalidAltertablePropertyException;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** Checks a URL property before a client sees it, so that a malformed one fails naming its property. */
final class Urls {

    private Urls() {
    }

    /**
     * @param schemes the accepted schemes, lower case
     * @param port    whether the URL must carry a port
     * @throws InvalidAltertablePropertyException when {@code value} is not such a URL (the message repeats the value
     *                                            only when it carries no user info)
     */
    static URI check(String value, String property, Set<String> schemes, boolean port) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidAltertablePropertyException(property, "not a valid URL: " + e.getReason(), null);
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidAltertablePropertyException(property,
                    "must not carry credentials; set altertable.credentials.* instead", null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || uri.getHost() == null || (port && uri.getPort() <= 0)) {
            throw new InvalidAltertablePropertyException(property, "must be a URL (" + String.join(", ", schemes.stream()
                    .sorted().map(s -> s + "://").toList()) + ") with a host" + (port ? " and a port" : "")
                    + ", was " + value, null);
        }
        return uri;
    }
}
