package ai.altertable.reactive.core;

/**
 * The client cannot be built as configured: no credentials could be resolved, a URL is malformed, an option is out of
 * range. Thrown at construction, never during a request. The message names settings and environment variables, never
 * their values.
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
