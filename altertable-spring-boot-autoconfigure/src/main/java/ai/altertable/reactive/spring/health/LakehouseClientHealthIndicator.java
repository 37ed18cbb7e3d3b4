package ai.altertable.reactive.spring.health;

import ai.altertable.reactive.core.model.ValidateResponse;
import ai.altertable.reactive.rest.LakehouseClient;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The health of a {@link LakehouseClient}: UP when {@code POST /validate} of {@code SELECT 1} answers that the
 * statement is valid within the timeout; DOWN with the error (authentication, network, timeout, ...) otherwise.
 * Details: {@code url}, and {@code error} when DOWN.
 */
public final class LakehouseClientHealthIndicator extends ClientHealthCheck {

    /** The statement validated. */
    public static final String STATEMENT = "SELECT 1";

    private final LakehouseClient client;

    /**
     * @param timeout the longest a check may take, positive
     */
    public LakehouseClientHealthIndicator(LakehouseClient client, Duration timeout) {
        super(timeout);
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    Mono<?> probe() {
        return client.validate(STATEMENT).flatMap(LakehouseClientHealthIndicator::valid);
    }

    private static Mono<ValidateResponse> valid(ValidateResponse response) {
        return response.valid() ? Mono.just(response)
                : Mono.error(new IllegalStateException("the lakehouse did not accept " + STATEMENT + " as valid"));
    }

    @Override
    Map<String, Object> details() {
        return Map.of("url", client.options().baseUrl().toString());
    }
}
