package ai.altertable.reactive.rest.reliability;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.model.UploadMode;
import ai.altertable.reactive.core.model.UploadOptions;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.FaultPlan;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.rest.RowFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import ai.altertable.reactive.testsupport.SecretProbes;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static ai.altertable.reactive.testsupport.SecretProbes.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets: every error path of the REST client (bad and missing credentials, 5xx and 429 with retries, resets and cut
 * bodies on reads and writes, stream errors, timeouts, a refused connection, refused and failed batches) is run with
 * a marker password, and the marker, in each of its forms (as is, in the Basic token, URL-encoded), must appear in no
 * log line (the test's and the mock's, library loggers at debug level, see {@code simplelogger.properties}), no
 * exception message, {@code toString}, error context or printed stack trace, and in no {@code toString} of the client
 * or the credentials.
 */
class SecretsTest {

    static final String MARKER = "pw-MARKER-3c1e9a";
    static final String WRONG = "pw-MARKER-wrong-77d2";

    static AltertableMock mock;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("carol", MARKER).withoutFlight().start();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    /** Every form in which a password could leak. */
    static List<String> forms(String password, String user) {
        return List.of(password,
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
                URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    private static LakehouseClient client(String password, Duration responseTimeout) {
        return LakehouseClient.create(LakehouseClientOptions.builder()
                .baseUrl(mock.baseUrl()).credentials(Credentials.basic("carol", password))
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(5)).build())
                .responseTimeout(responseTimeout)
                .build());
    }

    @Test
    void noErrorPathShowsThePassword() throws Exception {
        Map<String, Throwable> errors = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        String logs;
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(SecretProbes.tee(err, captured), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(SecretProbes.tee(out, captured), true, StandardCharsets.UTF_8));
        try (LakehouseClient good = client(MARKER, Duration.ofSeconds(10));
             LakehouseClient wrong = client(WRONG, Duration.ofSeconds(10));
             LakehouseClient impatient = client(MARKER, Duration.ofMillis(200))) {
            texts.add(good.toString());
            texts.add(wrong.toString());
            texts.add(Credentials.basic("carol", MARKER).toString());
            good.query("CREATE OR REPLACE TABLE secrets_t (id INTEGER)").blockLast(Duration.ofSeconds(30));
            TableRef table = TableRef.of("memory", "main", "secrets_t");

            run(errors, "401 query", () -> wrong.query("SELECT 1"));
            run(errors, "401 validate", () -> wrong.validate("SELECT 1"));
            run(errors, "401 append", () -> wrong.append(AppendOptions.of(table, true), Map.of("id", 1)));
            run(errors, "401 cancel", () -> wrong.cancelQuery("00000000-0000-4000-8000-000000000000", "s"));
            run(errors, "401 upload", () -> wrong.upload(UploadOptions.of(table, UploadMode.APPEND),
                    Flux.just(Map.of("id", 1)), RowFormat.NDJSON, null));
            for (int status : new int[] {500, 502, 503, 429}) {
                run(errors, status + " query, retried", () -> {
                    mock.faults().add(FaultPlan.builder().path("/query").status(status).times(3).build());
                    return good.query("SELECT 1");
                });
                run(errors, status + " append", () -> {
                    mock.faults().add(FaultPlan.builder().path("/append").status(status).times(3).build());
                    return good.append(AppendOptions.of(table, true), Map.of("id", 1));
                });
            }
            run(errors, "reset query", () -> {
                mock.faults().add(FaultPlan.builder().path("/query").closeAfterBytes(0).times(3).build());
                return good.query("SELECT 1");
            });
            run(errors, "cut query body", () -> {
                mock.faults().add(FaultPlan.builder().path("/query").closeAfterBytes(300).build());
                return good.query("SELECT i FROM range(10000) t(i)");
            });
            run(errors, "5xx after a committed append", () -> {
                mock.faults().add(FaultPlan.builder().path("/append").statusAfter(502).build());
                return good.append(AppendOptions.of(table, true), Map.of("id", 2));
            });
            run(errors, "reset after a committed append", () -> {
                mock.faults().add(FaultPlan.builder().path("/append").closeAfterBytes(0).build());
                return good.append(AppendOptions.of(table, true), Map.of("id", 3));
            });
            run(errors, "stream error line", () -> {
                mock.faults().add(FaultPlan.builder().path("/query").errorAfterRows(5).build());
                return good.query("SELECT i FROM range(100) t(i)");
            });
            run(errors, "SQL error", () -> good.query("SELECT * FROM no_such_table"));
            run(errors, "response timeout", () -> {
                mock.faults().add(FaultPlan.builder().path("/query").firstLineDelay(Duration.ofSeconds(2)).times(3)
                        .build());
                return impatient.query("SELECT 1");
            });
            run(errors, "refused batch", () -> good.appendAll(AppendOptions.of(table, true),
                    Flux.just(Map.of("nope", 1)), BatchingOptions.defaults()));
            run(errors, "failed batch after a fault", () -> {
                mock.faults().add(FaultPlan.builder().path("/append").statusAfter(500).build());
                return good.appendAll(AppendOptions.of(table, true), Flux.just(Map.of("id", 4)),
                        BatchingOptions.defaults());
            });
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            try (LakehouseClient nowhere = LakehouseClient.create(LakehouseClientOptions.builder()
                    .baseUrl("http://127.0.0.1:" + closedPort)
                    .credentials(Credentials.basic("carol", MARKER)).retryPolicy(RetryPolicy.none()).build())) {
                texts.add(nowhere.toString());
                run(errors, "connection refused", () -> nowhere.query("SELECT 1"));
            }
            mock.faults().clear();
            // the client still works with the right password after all that
            assertThat(good.query("SELECT 1").map(r -> r.getInt(0)).blockLast(Duration.ofSeconds(30))).isEqualTo(1);
        } finally {
            System.setErr(err);
            System.setOut(out);
            logs = captured.toString(StandardCharsets.UTF_8);
        }

        // the search can fail: the capture saw the library's debug lines (retries) and the mock's
        assertThat(logs).as("captured logs").contains("DEBUG ai.altertable.reactive.core.internal.PolicyRetry")
                .contains("retry 1 of").contains("DEBUG ai.altertable.reactive.mock");
        assertThat(errors).as("every path failed as planned").allSatisfy((what, e) -> assertThat(e)
                .as(what).isInstanceOf(AltertableException.class));
        for (Map.Entry<String, Throwable> e : errors.entrySet()) {
            texts.add(e.getKey() + ": " + everything(e.getValue()));
        }
        for (String form : forms(MARKER, "carol")) {
            assertThat(texts).as("messages, toString, contexts and stack traces").noneMatch(t -> t.contains(form));
            assertThat(logs).as("log lines").doesNotContain(form);
        }
        for (String form : forms(WRONG, "carol")) {
            assertThat(texts).noneMatch(t -> t.contains(form));
            assertThat(logs).doesNotContain(form);
        }
        System.out.printf("[reliability] secrets: %d error paths run with a marker password (%s); %d exception "
                        + "texts and %d log characters searched for 3 forms of each of 2 passwords: 0 found%n",
                errors.size(), String.join(", ", errors.keySet()), texts.size(), logs.length());
    }

    private static String everything(Throwable t) {
        return SecretProbes.everything(t, c -> c instanceof AltertableException
                ? ((AltertableException) c).context() : null);
    }
}
