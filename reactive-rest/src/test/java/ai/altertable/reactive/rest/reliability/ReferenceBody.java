package ai.altertable.reactive.rest.reliability;

import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.core.model.QueryMetadata;
import ai.altertable.reactive.mock.AltertableMock;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The {@code /query} body of a statement exactly as the mock sends it, fetched once with a plain JDK client, and where
 * its lines end: the map from byte offsets of a cut to the rows a client must have received.
 */
final class ReferenceBody {

    private final byte[] body;
    /** Offsets just after each {@code \n}. */
    private final NavigableSet<Long> lineEnds = new TreeSet<>();
    private final long initTimeMs;

    private ReferenceBody(byte[] body) {
        this.body = body;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n') {
                lineEnds.add(i + 1L);
            }
        }
        try {
            int firstEnd = lineEnds.first().intValue();
            initTimeMs = AltertableJson.mapper().readTree(body, 0, firstEnd).path("init_time_ms").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReferenceBody of(AltertableMock mock, String statement) {
        try {
            String json = AltertableJson.mapper().writeValueAsString(Map.of("statement", statement,
                    "query_id", UUID.randomUUID().toString(), "session_id", UUID.randomUUID().toString()));
            HttpRequest request = HttpRequest.newBuilder(mock.baseUrl().resolve("/query"))
                    .header("Authorization", mock.credentials().authorizationHeader())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("reference query failed: " + response.statusCode());
            }
            return new ReferenceBody(response.body());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long length() {
        return body.length;
    }

    NavigableSet<Long> lineEnds() {
        return lineEnds;
    }

    /** Lines after the metadata and columns lines. */
    int rowLines() {
        return lineEnds.size() - 2;
    }

    /**
     * How much longer the metadata line of a run is than the reference's: only {@code init_time_ms} varies (the ids
     * are UUIDs of fixed length, the statement is the same).
     */
    long metadataShift(QueryMetadata metadata) {
        long ms = metadata.initTimeMs() == null ? 0 : metadata.initTimeMs();
        return Long.toString(ms).length() - Long.toString(initTimeMs).length();
    }

    /**
     * Rows a client has complete after the first {@code n} bytes: none before the columns line is complete, then each
     * row whose closing {@code ]} (the byte before its {@code \n}) is among them.
     */
    int completeRowsBefore(long n) {
        int line = 0;
        int rows = 0;
        for (long end : lineEnds) {
            boolean complete = end - 1 <= n;
            if (line == 1 && !complete) {
                return 0;
            }
            if (line >= 2 && complete) {
                rows++;
            }
            line++;
        }
        return rows;
    }
}
