package ai.altertable.reactive.spring;

import ai.altertable.reactive.core.ConfigurationException;

import java.util.Objects;

/**
 * An {@code altertable.*} property (or the {@code ALTERTABLE_*} environment it falls back to) that cannot configure a
 * client: missing credentials, a malformed URL, a value out of range. Thrown while the client beans are created; the
 * failure analyzer turns it into a startup message that names {@link #property()}. The message never holds a secret.
 */
public class InvalidAltertablePropertyException extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String reason;

    /**
     * @param property the property to set or correct, e.g. {@code altertable.base-url}
     * @param reason   what is wrong with it, without its value when that may be secret
     * @param cause    the library's own exception, or {@code null}
     */
    public InvalidAltertablePropertyException(String property, String reason, Throwable cause) {
        super(Objects.requireNonNull(property, "property") + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.property = property;
        this.reason = reason;
    }

    /** The property to set or correct (several, separated by " or ", when either would do). */
    public String property() {
        return property;
    }

    /** What is wrong, without the property name. */
    public String reason() {
        return reason;
    }
}
