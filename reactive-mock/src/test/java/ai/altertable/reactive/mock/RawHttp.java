package ai.altertable.reactive.mock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** A plain JDK HTTP client for wire-format tests of the mock (deliberately not our own client). */
final class RawHttp {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String auth;

    RawHttp(AltertableMock mock) {
        this(mock.baseUrl(), mock.credentials().authorizationHeader());
    }

    RawHttp(URI base, String auth) {
        this.base = base;
        this.auth = auth;
    }

    RawHttp as(String authorization) {
        return new RawHttp(base, authorization);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b;
    }

    Response postJson(String path, String json, String... headers) {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** {@code POST} with the given content type (none if {@code null}) and body. */
    Response post(String path, String contentType, byte[] body) {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    Response post(String path, String contentType, String body) {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code POST /query} with this JSON body. */
    Response query(String json, String... headers) {
        return postJson("/query", json, headers);
    }

    /** {@code POST /query} of one statement, the rest of the body defaulted. */
    Response sql(String statement) {
        return query("{\"statement\":" + Json.quote(statement) + "}");
    }

    /** Any method with an empty body. */
    Response method(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    Response send(HttpRequest req) {
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers().firstValue("content-type").orElse(null), r.body(), r);
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    record Response(int status, String contentType, byte[] bytes, HttpResponse<byte[]> raw) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** The body split on {@code \n}; a final {@code \n} ends the last line rather than starting an empty one. */
        List<String> lines() {
            String b = body();
            if (b.isEmpty()) {
                return List.of();
            }
            List<String> parts = Arrays.asList(b.split("\n", -1));
            return b.endsWith("\n") ? parts.subList(0, parts.size() - 1) : parts;
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
