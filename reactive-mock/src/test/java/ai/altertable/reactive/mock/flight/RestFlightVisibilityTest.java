package ai.altertable.reactive.mock.flight;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two endpoints of a mock share each user's database (unlike the official mock): what one writes, the other reads.
 * The REST side is driven with the JDK's HTTP client.
 */
class RestFlightVisibilityTest extends FlightTestBase {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void rowsAppendedOverRestAreReadOverFlight() throws Exception {
        assertThat(post("/query", "{\"statement\":\"CREATE TABLE rest_events (id BIGINT, name VARCHAR)\"}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> append = post("/append?catalog=memory&schema=main&table=rest_events&sync=true",
                "[{\"id\":1,\"name\":\"from rest\"},{\"id\":2,\"name\":null}]");
        assertThat(append.statusCode()).isEqualTo(200);
        assertThat(append.body()).contains("\"ok\":true");
        assertThat(client().query("SELECT id, name FROM rest_events ORDER BY id"))
                .containsExactly(List.of(1L, "from rest"), Arrays.asList(2L, null));
    }

    @Test
    void rowsIngestedOverFlightAreQueriedOverRest() throws Exception {
        try (VectorSchemaRoot batch = IngestBatches.rows(allocator, 7, "from flight", 8, "too")) {
            assertThat(client().sql.executeIngest(batch, IngestBatches.options("flight_events",
                    IngestBatches.create()))).isEqualTo(2);
        }
        HttpResponse<String> query = post("/query",
                "{\"statement\":\"SELECT id, name FROM flight_events ORDER BY id\"}");
        assertThat(query.statusCode()).isEqualTo(200);
        List<String> lines = query.body().lines().toList();
        assertThat(lines.subList(2, lines.size())).containsExactly("[7,\"from flight\"]", "[8,\"too\"]");
    }

    @Test
    void usersStayApartOnBothEndpoints() throws Exception {
        try (VectorSchemaRoot batch = IngestBatches.rows(allocator, 1, "alice's")) {
            client().sql.executeIngest(batch, IngestBatches.options("private_rows", IngestBatches.create()));
        }
        HttpResponse<String> bob = send(HttpRequest.newBuilder(uri("/query"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "bob:pw".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"statement\":\"SELECT * FROM private_rows\"}")).build());
        assertThat(bob.body()).contains("private_rows does not exist");
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", mock.credentials(USER).authorizationHeader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static URI uri(String path) {
        return mock.baseUrl().resolve(path);
    }
}
