package ai.altertable.reactive.spring.diagnostics;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.spring.InvalidAltertablePropertyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed on the Altertable client configuration: for an
 * {@link InvalidAltertablePropertyException}, what is wrong and which property to set; for another
 * {@link ConfigurationException} of the client library (options built by the application's own code), its message and
 * where the settings come from. Neither repeats a secret: the library's messages name settings and variables, never
 * their values.
 */
public class AltertableFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        InvalidAltertablePropertyException invalid = findCause(rootFailure, InvalidAltertablePropertyException.class);
        if (invalid != null) {
            return new FailureAnalysis("The Altertable client could not be configured: " + invalid.property() + ": "
                    + invalid.reason() + ".",
                    "Set " + invalid.property() + " in the application's properties (or its environment).", invalid);
        }
        return new FailureAnalysis("The Altertable client could not be configured: " + cause.getMessage() + ".",
                "Check the client's options, the altertable.* properties and the ALTERTABLE_* environment variables.",
                cause);
    }
}
