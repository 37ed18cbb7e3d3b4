package ai.altertable.reactive.spring.internal;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.spring.AltertableProperties;
import ai.altertable.reactive.spring.AltertableProperties.Batching;
import ai.altertable.reactive.spring.AltertableProperties.CredentialProperties;
import ai.altertable.reactive.spring.InvalidAltertablePropertyException;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What both clients take from the same {@code altertable.*} properties: credentials, the retry policy, batching.
 * Every failure is an {@link InvalidAltertablePropertyException} naming the property to set.
 */
public final class CommonSettings {

    /** The properties that name credentials, as a failure lists them. */
    public static final String CREDENTIAL_PROPERTIES = "altertable.credentials.username and "
            + "altertable.credentials.password (or altertable.credentials.token)";

    private CommonSettings() {
    }

    /**
     * The credentials of the properties, else of the environment {@code variables}.
     *
     * @throws InvalidAltertablePropertyException when there are none, or they are incomplete or malformed
     */
    public static Credentials credentials(CredentialProperties properties, Map<String, String> variables) {
        if (!properties.isSet()) {
            try {
                return Credentials.fromEnvironment(variables);
            } catch (ConfigurationException e) {
                throw new InvalidAltertablePropertyException(CREDENTIAL_PROPERTIES, Credentials.presentIn(variables)
                        ? "not set, and the environment's credentials are incomplete (" + e.getMessage() + ")"
                        : "not set, and the environment has no Altertable credentials either ("
                                + Credentials.ENV_USERNAME + " and " + Credentials.ENV_PASSWORD + ", or "
                                + Credentials.ENV_BASIC_TOKEN + ")", e);
            }
        }
        if (properties.token() != null) {
            if (properties.username() != null || properties.password() != null) {
                throw new InvalidAltertablePropertyException("altertable.credentials.token",
                        "set either a token or a username and password, not both", null);
            }
            return check("altertable.credentials.token", () -> Credentials.token(properties.token()));
        }
        if (properties.username() == null || properties.username().isEmpty()) {
            throw new InvalidAltertablePropertyException("altertable.credentials.username",
                    "a password is set without a username", null);
        }
        if (properties.password() == null || properties.password().isEmpty()) {
            throw new InvalidAltertablePropertyException("altertable.credentials.password",
                    "a username is set without a password", null);
        }
        return check("altertable.credentials.username",
                () -> Credentials.basic(properties.username(), properties.password()));
    }

    /** {@code RetryPolicy.defaults()} with the values of {@code altertable.retry.*} that are set. */
    public static RetryPolicy retryPolicy(AltertableProperties.Retry retry) {
        RetryPolicy.Builder b = RetryPolicy.defaults().mutate();
        set(retry.maxAttempts(), b::maxAttempts);
        set(retry.initialBackoff(), b::initialBackoff);
        set(retry.maxBackoff(), b::maxBackoff);
        set(retry.jitter(), b::jitter);
        set(retry.maxElapsed(), b::maxElapsed);
        set(retry.honourRetryAfter(), b::honourRetryAfter);
        set(retry.maxRetryAfter(), b::maxRetryAfter);
        return check("altertable.retry", b::build);
    }

    /**
     * {@code base} with the values of {@code batching} that are set; {@code prefix} names them in failures.
     */
    public static BatchingOptions batching(BatchingOptions base, Batching batching, String prefix) {
        BatchingOptions.Builder b = base.mutate();
        set(batching.maxRows(), b::maxRows);
        set(batching.maxBytes(), size -> b.maxBytes(Sizes.toInt(size, prefix + ".max-bytes")));
        set(batching.linger(), b::linger);
        set(batching.maxInFlight(), b::maxInFlight);
        set(batching.deliveryGuarantee(), b::deliveryGuarantee);
        set(batching.errorPolicy(), b::errorPolicy);
        return check(prefix, b::build);
    }

    /** Calls {@code setter} with {@code value} when it is set. */
    public static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /**
     * Runs {@code step}; a library {@link ConfigurationException} becomes an {@link InvalidAltertablePropertyException}
     * for {@code property}. The library's messages name the setting, never a secret.
     */
    public static <T> T check(String property, Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidAltertablePropertyException e) {
            throw e;
        } catch (ConfigurationException | IllegalArgumentException e) {
            throw new InvalidAltertablePropertyException(property, e.getMessage(), e);
        }
    }
}
