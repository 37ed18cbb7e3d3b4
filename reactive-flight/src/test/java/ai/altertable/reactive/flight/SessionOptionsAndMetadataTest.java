package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.model.ComputeSize;
import ai.altertable.reactive.flight.testserver.Dataset;
import ai.altertable.reactive.flight.testserver.TestSqlProducer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionOptionsAndMetadataTest extends FlightTestSupport {

    @Test
    void configuredOptionsAreAppliedRightAfterTheHandshake() {
        server.producer().register("SELECT 1", Dataset.counting(1, 1, 1));
        SessionOptions options = SessionOptions.builder().catalog("memory").schema("main").computeSize("xxl").build();
        try (LakehouseFlightClient configured = LakehouseFlightClient.create(options().sessionOptions(options).build())) {
            StepVerifier.create(configured.query("SELECT 1")).expectNextCount(1).verifyComplete();
        }

        List<TestSqlProducer.Received> received = server.producer().received();
        assertThat(received).extracting(TestSqlProducer.Received::name)
                .startsWith("SetSessionOptions", "GetFlightInfo");
        assertThat(received.get(0).detail().split(";")) // a protobuf map: no order on the wire
                .containsExactlyInAnyOrder("catalog=memory", "schema=main", "compute_size=2XL");
    }

    @Test
    void aComputeSizeTheServerRefusesIsRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> SessionOptions.builder().computeSize("AUTO"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AUTO");
        assertThatThrownBy(() -> SessionOptions.builder().computeSize("huge"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("huge");
        assertThatThrownBy(() -> SessionOptions.builder().computeSize(ComputeSize.AUTO))
                .isInstanceOf(ConfigurationException.class);
        assertThat(SessionOptions.builder().computeSize("4xl").build().computeSize()).isEqualTo(ComputeSize.XXXXL);

        assertThat(server.auth().calls()).isEmpty();
    }

    @Test
    void optionsTheServerRejectsFailTheCallWithTheirNames() {
        StepVerifier.create(client.setSessionOptions(SessionOptions.builder().catalog("nowhere").schema("main").build()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class)
                        .hasMessageContaining("catalog: INVALID_VALUE").hasMessageNotContaining("schema:"))
                .verify(TIMEOUT);
    }

    @Test
    void optionsSetLaterAreAppliedAgainAfterAReHandshake() {
        server.producer().register("SELECT 1", Dataset.counting(1, 1, 1));
        StepVerifier.create(client.setSessionOptions(SessionOptions.builder().schema("analytics").build()))
                .verifyComplete();

        server.auth().revokeAll();
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).verifyComplete();

        assertThat(server.auth().handshakes()).isEqualTo(2);
        assertThat(server.producer().received("SetSessionOptions")).extracting(TestSqlProducer.Received::detail)
                .containsExactly("schema=analytics;", "schema=analytics;");
    }

    @Test
    void catalogsAndSchemasAreSorted() {
        StepVerifier.create(client.catalogs()).expectNext("memory", "system", "temp").verifyComplete();
        StepVerifier.create(client.schemas(null, null))
                .expectNext(new DbSchemaInfo("memory", "main"), new DbSchemaInfo("system", "information_schema"),
                        new DbSchemaInfo("system", "main"), new DbSchemaInfo("temp", "main"))
                .verifyComplete();
        StepVerifier.create(client.schemas("system", null))
                .expectNext(new DbSchemaInfo("system", "information_schema"), new DbSchemaInfo("system", "main"))
                .verifyComplete();
    }

    @Test
    void tablesTableTypesAndSqlInfo() {
        StepVerifier.create(client.tables(TableFilter.all()).map(TableInfo::name)).expectNext("events", "users")
                .verifyComplete();
        StepVerifier.create(client.tables(TableFilter.all().types("VIEW")))
                .assertNext(t -> {
                    assertThat(t).isEqualTo(new TableInfo("memory", "main", "users", "VIEW", java.util.Optional.empty()));
                })
                .verifyComplete();
        StepVerifier.create(client.tables(TableFilter.all().types("BASE TABLE").includeSchema(true)))
                .assertNext(t -> assertThat(t.tableSchema()).hasValueSatisfying(s ->
                        assertThat(s.getFields()).extracting(f -> f.getName()).containsExactly("id", "name")))
                .verifyComplete();
        StepVerifier.create(client.tableTypes()).expectNext("BASE TABLE", "VIEW").verifyComplete();
        StepVerifier.create(client.sqlInfo(0, 1))
                .expectNext(Map.of(0, "Test Flight SQL Server", 1, "1.0.0"))
                .verifyComplete();
        StepVerifier.create(client.sqlInfo())
                .assertNext(info -> assertThat(info).containsEntry(0, "Test Flight SQL Server").containsKey(3))
                .verifyComplete();
    }

    @Test
    void eachSessionHasItsOwnHandshakeAndOptions() {
        FlightSession other = client.newSession();
        StepVerifier.create(Flux.merge(client.catalogs().collectList(), other.catalogs().collectList()))
                .expectNext(List.of("memory", "system", "temp"), List.of("memory", "system", "temp"))
                .verifyComplete();
        assertThat(server.auth().handshakes()).isEqualTo(2);
    }
}
