package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.replay.CellChecksum;
import ai.altertable.reactive.benchmarks.replay.ReplayServer;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The clients under test and the raw Reactor Netty clients of the baselines, all pointed at a replay server. */
final class Clients {

    /** Any credentials: the replay server ignores them, but the client sends them as it would to a real server. */
    static final String USER = "bench";
    static final String PASSWORD = "bench";

    private Clients() {
    }

    static LakehouseClient lakehouse(ReplayServer server, int maxConnections) {
        return lakehouse(server.baseUrl(), maxConnections);
    }

    static LakehouseClient lakehouse(URI baseUrl, int maxConnections) {
        return lakehouse(baseUrl, maxConnections, LakehouseClientOptions.DEFAULT_RESPONSE_TIMEOUT);
    }

    /** With another response timeout (the time to a response's first bytes). */
    static LakehouseClient lakehouse(URI baseUrl, int maxConnections, Duration responseTimeout) {
        return LakehouseClient.create(LakehouseClientOptions.builder()
                .baseUrl(baseUrl)
                .credentials(Credentials.basic(USER, PASSWORD))
                .maxConnections(maxConnections)
                .responseTimeout(responseTimeout)
                .build());
    }

    /** A bare Reactor Netty client with its own pool, sending the same static headers the client would. */
    static HttpClient raw(ReplayServer server, ConnectionProvider pool) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.create(pool)
                .baseUrl(server.baseUrl().toString())
                .keepAlive(true)
                .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, basic)
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
    }

    /** Reads every cell of a benchmark row through the typed getters a user would call. */
    static CellChecksum touch(CellChecksum sum, Row row) {
        sum.add(row.getLong(0), row.getString(1), row.getDouble(2), row.getBoolean(3), row.getString(4));
        return sum;
    }

    static String queryBody(String statement) {
        return "{\"statement\":\"" + statement + "\"}";
    }
}
