package ai.altertable.reactive.mock.flight;

import ai.altertable.reactive.mock.AltertableMock;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Arrow Java's own Flight SQL client against the mock (deliberately not our reactive client): one channel, one
 * session, the token of its Handshake on every call.
 */
final class FlightTestClient implements AutoCloseable {

    final FlightClient flight;
    final FlightSqlClient sql;
    final AuthorizationMiddleware auth;

    private FlightTestClient(FlightClient flight, AuthorizationMiddleware auth) {
        this.flight = flight;
        this.sql = new FlightSqlClient(flight);
        this.auth = auth;
    }

    /** A client with the given initial {@code authorization} value and no handshake. */
    static FlightTestClient withHeader(AltertableMock mock, BufferAllocator allocator, String authorization) {
        AuthorizationMiddleware auth = new AuthorizationMiddleware(authorization);
        FlightClient client = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", mock.flightPort()))
                .intercept(auth).build();
        return new FlightTestClient(client, auth);
    }

    /** A client that did the Handshake with Basic credentials and now sends the Bearer token it got. */
    static FlightTestClient connect(AltertableMock mock, BufferAllocator allocator, String user, String password) {
        FlightTestClient client = withHeader(mock, allocator, basic(user + ":" + password));
        client.flight.handshake();
        return client;
    }

    static String basic(String payload) {
        return "Basic " + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String payload) {
        return "Bearer " + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs a query through GetFlightInfo and DoGet of every endpoint; rows as lists of Java values. */
    List<List<Object>> query(String sql) {
        return rows(this.sql.execute(sql));
    }

    List<List<Object>> rows(FlightInfo info) {
        List<List<Object>> rows = new ArrayList<>();
        for (var endpoint : info.getEndpoints()) {
            try (FlightStream stream = sql.getStream(endpoint.getTicket())) {
                while (stream.next()) {
                    VectorSchemaRoot root = stream.getRoot();
                    for (int r = 0; r < root.getRowCount(); r++) {
                        List<Object> row = new ArrayList<>();
                        for (FieldVector v : root.getFieldVectors()) {
                            Object value = v.getObject(r);
                            row.add(value instanceof org.apache.arrow.vector.util.Text ? value.toString() : value);
                        }
                        rows.add(row);
                    }
                }
            } catch (Exception e) {
                throw e instanceof RuntimeException ? (RuntimeException) e : new RuntimeException(e);
            }
        }
        return rows;
    }

    long update(String sql) {
        return this.sql.executeUpdate(sql);
    }

    @Override
    public void close() throws Exception {
        sql.close(); // closes the FlightClient too
    }
}
