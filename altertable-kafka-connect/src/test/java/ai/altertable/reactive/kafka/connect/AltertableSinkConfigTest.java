package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.core.DeliveryGuarantee;
import ai.altertable.reactive.core.model.TableRef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AltertableSinkConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> p = new HashMap<>();
        p.put(AltertableSinkConfig.CATALOG, "memory");
        return p;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> p = minimal();
        p.put(key, value);
        return p;
    }

    @Test
    void defaultsNameOneTablePerTopicAndAtLeastOnceBatching() {
        AltertableSinkConfig c = new AltertableSinkConfig(minimal());
        assertThat(c.table("page-views")).isEqualTo(TableRef.of("memory", "main", "page-views"));
        assertThat(c.endpoint()).isEmpty();
        assertThat(c.credentials()).isEmpty();
        assertThat(c.writePath()).isEqualTo(AltertableSinkConfig.WritePath.REST);
        assertThat(c.nullValues()).isEqualTo(AltertableSinkConfig.NullValues.FAIL);
        assertThat(c.primaryKey()).isEmpty();
        assertThat(c.batching().deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        // one batch in flight per table: a retried batch never lands after a later one
        assertThat(c.batching().maxInFlight()).isEqualTo(1);
    }

    @Test
    void everyKeyIsRead() {
        Map<String, String> p = minimal();
        p.put(AltertableSinkConfig.ENDPOINT, "https://lakehouse.example:8443");
        p.put(AltertableSinkConfig.USERNAME, "alice");
        p.put(AltertableSinkConfig.PASSWORD, "s3cret");
        p.put(AltertableSinkConfig.SCHEMA, "events");
        p.put(AltertableSinkConfig.TABLE, "raw_${topic}");
        p.put(AltertableSinkConfig.BATCH_MAX_ROWS, "500");
        p.put(AltertableSinkConfig.BATCH_MAX_BYTES, "100000");
        p.put(AltertableSinkConfig.BATCH_LINGER_MS, "20");
        p.put(AltertableSinkConfig.BATCH_MAX_IN_FLIGHT, "3");
        p.put(AltertableSinkConfig.MAX_BUFFERED_RECORDS, "1000");
        p.put(AltertableSinkConfig.UPSERT_PRIMARY_KEY, "id, region");
        p.put(AltertableSinkConfig.UPSERT_CURSOR_FIELD, "updated_at");
        p.put(AltertableSinkConfig.NULL_VALUES, "IGNORE");
        AltertableSinkConfig c = new AltertableSinkConfig(p);
        assertThat(c.endpoint()).hasValueSatisfying(u -> assertThat(u.toString())
                .isEqualTo("https://lakehouse.example:8443"));
        assertThat(c.credentials()).hasValueSatisfying(cr -> assertThat(cr.toString()).contains("alice")
                .doesNotContain("s3cret"));
        assertThat(c.table("clicks")).isEqualTo(TableRef.of("memory", "events", "raw_clicks"));
        assertThat(c.batching().maxRows()).isEqualTo(500);
        assertThat(c.batching().maxBytes()).isEqualTo(100000);
        assertThat(c.batching().linger()).isEqualTo(Duration.ofMillis(20));
        assertThat(c.batching().maxInFlight()).isEqualTo(3);
        assertThat(c.maxBufferedRecords()).isEqualTo(1000);
        assertThat(c.primaryKey()).containsExactly("id", "region");
        assertThat(c.cursorField()).containsExactly("updated_at");
        assertThat(c.nullValues()).isEqualTo(AltertableSinkConfig.NullValues.IGNORE);
    }

    @Test
    void catalogIsRequired() {
        assertThatThrownBy(() -> new AltertableSinkConfig(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AltertableSinkConfig.CATALOG);
    }

    @Test
    void endpointMustBeAnHttpUrlAndNeverEchoesUserInfo() {
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.ENDPOINT, "ftp://host")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http or https URL");
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.ENDPOINT,
                "https://bob:hunter2@host"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("user info").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.ENDPOINT,
                "https://bob:hun ter2@host"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a valid URL").hasMessageNotContaining("hun ter2");
    }

    @Test
    void usernameAndPasswordGoTogether() {
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.USERNAME, "alice")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AltertableSinkConfig.PASSWORD);
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.PASSWORD, "s3cret")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AltertableSinkConfig.USERNAME)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void tableTemplateKnowsOnlyTheTopicPlaceholder() {
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.TABLE, "${partition}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("${topic}");
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.TABLE, " ")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AltertableSinkConfig.TABLE);
    }

    @Test
    void batchingBoundsAreChecked() {
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.BATCH_MAX_BYTES, "3000000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AltertableSinkConfig.BATCH_MAX_BYTES);
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.BATCH_LINGER_MS, "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AltertableSinkConfig.BATCH_LINGER_MS);
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.MAX_BUFFERED_RECORDS, "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least " + AltertableSinkConfig.BATCH_MAX_ROWS);
    }

    @Test
    void cursorNeedsPrimaryKeyAndTheWritePathIsRestOrFlight() {
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.UPSERT_CURSOR_FIELD, "ts")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AltertableSinkConfig.UPSERT_PRIMARY_KEY);
        AltertableSinkConfig flight = new AltertableSinkConfig(with(AltertableSinkConfig.WRITE_PATH, "Flight"));
        assertThat(flight.writePath()).isEqualTo(AltertableSinkConfig.WritePath.FLIGHT);
        assertThat(flight.flightEndpoint()).isEmpty();
        assertThatThrownBy(() -> new AltertableSinkConfig(with(AltertableSinkConfig.WRITE_PATH, "grpc")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AltertableSinkConfig.WRITE_PATH);
    }

    @Test
    void theFlightEndpointIsAFlightLocationWithHostAndPort() {
        Map<String, String> p = with(AltertableSinkConfig.WRITE_PATH, "flight");
        p.put(AltertableSinkConfig.FLIGHT_ENDPOINT, " grpc+tls://flight.example.com:443 ");
        assertThat(new AltertableSinkConfig(p).flightEndpoint()).contains(
                java.net.URI.create("grpc+tls://flight.example.com:443"));
        p.put(AltertableSinkConfig.FLIGHT_ENDPOINT, "grpc://localhost:15002");
        assertThat(new AltertableSinkConfig(p).flightEndpoint()).contains(java.net.URI.create("grpc://localhost:15002"));
        for (String bad : List.of("https://flight.example.com:443", "grpc+tls://flight.example.com", "flight:443",
                "grpc://host name:1")) {
            p.put(AltertableSinkConfig.FLIGHT_ENDPOINT, bad);
            assertThatThrownBy(() -> new AltertableSinkConfig(p)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(AltertableSinkConfig.FLIGHT_ENDPOINT)
                    .hasMessageContaining("grpc");
        }
        p.put(AltertableSinkConfig.FLIGHT_ENDPOINT, "grpc+tls://bob:s3cret@flight.example.com:443");
        assertThatThrownBy(() -> new AltertableSinkConfig(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(AltertableSinkConfig.FLIGHT_ENDPOINT).hasMessageNotContaining("s3cret");
    }

    @Test
    void connectValidationReportsPerKeyAndMasksThePassword() {
        Map<String, String> p = with(AltertableSinkConfig.BATCH_MAX_ROWS, "0");
        p.put(AltertableSinkConfig.PASSWORD, "s3cret");
        List<ConfigValue> values = new AltertableSinkConnector().validate(p).configValues();
        ConfigValue rows = values.stream().filter(v -> v.name().equals(AltertableSinkConfig.BATCH_MAX_ROWS))
                .findFirst().orElseThrow();
        assertThat(rows.errorMessages()).singleElement().asString().contains("at least 1");
        ConfigValue password = values.stream().filter(v -> v.name().equals(AltertableSinkConfig.PASSWORD))
                .findFirst().orElseThrow();
        assertThat(String.valueOf(password.value())).doesNotContain("s3cret");
    }
}
