package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.RetryPolicy;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    private static final Credentials ALICE = Credentials.basic("alice", "s3cret-pw");

    @Test
    void endpointsMustBeFlightLocations() {
        assertThat(FlightClientOptions.builder().environment(Map.of()).credentials(ALICE).build().endpoint())
                .hasToString(FlightClientOptions.DEFAULT_ENDPOINT);
        assertThat(FlightClientOptions.builder().environment(Map.of()).credentials(ALICE).build().tls()).isTrue();
        assertThat(FlightClientOptions.builder().credentials(ALICE).endpoint("localhost", 15002).build().tls()).isFalse();
        assertThatThrownBy(() -> FlightClientOptions.builder().credentials(ALICE).endpoint("http://localhost:1").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("grpc");
        assertThatThrownBy(() -> FlightClientOptions.builder().credentials(ALICE).endpoint("grpc://localhost").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> FlightClientOptions.builder().credentials(ALICE).prefetch(-1).build())
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void credentialsComeFromTheEnvironmentWhenNotGiven_andNeverShow() {
        FlightClientOptions fromEnv = FlightClientOptions.builder()
                .environment(Map.of(Credentials.ENV_USERNAME, "bob", Credentials.ENV_PASSWORD, "pw-from-env"))
                .build();
        assertThat(fromEnv.credentials().credentials().block().username()).isEqualTo("bob");
        assertThatThrownBy(() -> FlightClientOptions.builder().environment(Map.of()).build())
                .isInstanceOf(ConfigurationException.class);
        assertThat(FlightClientOptions.builder().credentials(ALICE).build().toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void theEndpointComesFromTheEnvironmentWhenNotGiven() {
        Map<String, String> env = Map.of(FlightClientOptions.ENV_ENDPOINT, "grpc://lake.example:15002");
        assertThat(FlightClientOptions.builder().environment(env).credentials(ALICE).build().endpoint())
                .hasToString("grpc://lake.example:15002");
        assertThat(FlightClientOptions.builder().environment(env).credentials(ALICE).endpoint("grpc://given:1").build()
                .endpoint()).hasToString("grpc://given:1");
        assertThatThrownBy(() -> FlightClientOptions.builder().endpoint("not a uri"))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void ingestOptionsKeepMessagesUnderTheServerLimit() {
        assertThatThrownBy(() -> IngestOptions.builder("t")
                .batching(BatchingOptions.builder().maxBytes(4 * 1024 * 1024).build()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("4 MiB");
        assertThatThrownBy(() -> IngestOptions.builder("t").option("primary_key", "[\"id\"]").build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> IngestOptions.builder(" ").build()).isInstanceOf(ConfigurationException.class);
        assertThat(IngestOptions.of("t").definition()).isEqualTo(TableDefinition.CREATE_APPEND);
        assertThat(IngestOptions.of("t").batching().maxBytes()).isLessThan(IngestOptions.SERVER_MESSAGE_LIMIT_BYTES);
    }

    @Test
    void anUnreachableServerIsARetryableNetworkFailure() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (RootAllocator allocator = new RootAllocator();
             LakehouseFlightClient client = LakehouseFlightClient.create(FlightClientOptions.builder()
                     .endpoint("127.0.0.1", port).credentials(ALICE).allocator(allocator)
                     .retryPolicy(RetryPolicy.none()).build())) {
            StepVerifier.create(client.query("SELECT 1"))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(NetworkException.class);
                        NetworkException n = (NetworkException) e;
                        assertThat(n.isRetryable()).isTrue();
                        assertThat(n.path()).isEqualTo("Handshake");
                        assertThat(n.status()).isEqualTo(14); // UNAVAILABLE
                    })
                    .verify(Duration.ofSeconds(30));
        }
    }
}
