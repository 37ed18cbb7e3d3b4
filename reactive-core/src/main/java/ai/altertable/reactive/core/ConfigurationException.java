package ai.altertable.reactive.core;

/**
 * The client cannot be built as configured: no credentials could be resolved, a URL is malformed, an option is out of
 * range. Thrown at construction, never during a request, with one exception: a JVM set up without what a transport
 * needs (Arrow's {@code --add-opens} flag for Flight writes) is found out by the first request that needs it, which
 * fails with this exception before anything is sent. The message names settings, JVM options and environment
 * variables, never their values.
 */
public class ConfigurationException extends AltertableException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message, ErrorContext.none(), false, null);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, ErrorContext.none(), false, cause);
    }
}
