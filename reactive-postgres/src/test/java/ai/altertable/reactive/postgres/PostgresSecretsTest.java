package ai.altertable.reactive.postgres;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.testsupport.SecretProbes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
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
 * Secrets over Postgres: the error paths (a wrong password, a token with a wrong password, SQL errors, a refused
 * connection) run with a marker password, which must appear in no log line (the library's loggers at debug level),
 * exception message, error context, stack trace or {@code toString}.
 */
class PostgresSecretsTest {

    static final String MARKER = "pw-MARKER-pg-7d41";
    static final String WRONG = "pw-MARKER-pg-wrong-0c9e";

    @Test
    void noPostgresErrorPathShowsThePassword() throws Exception {
        Map<String, Throwable> errors = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String logs;
        System.setErr(new PrintStream(SecretProbes.tee(err, captured), true, StandardCharsets.UTF_8));
        try (AltertableMock mock = AltertableMock.builder().user("dave", MARKER).withoutFlight().start()) {
            PostgresClientOptions.Builder options = PostgresClientOptions.builder()
                    .plaintext(mock.postgresUri().getHost(), mock.postgresPort(), "memory");
            try (LakehousePostgresClient good = LakehousePostgresClient.create(options
                    .credentials(Credentials.basic("dave", MARKER)).build());
                 LakehousePostgresClient wrong = LakehousePostgresClient.create(options
                         .credentials(Credentials.basic("dave", WRONG)).build());
                 LakehousePostgresClient wrongToken = LakehousePostgresClient.create(options
                         .credentials(Credentials.token(token(WRONG))).build())) {
                texts.add(good.toString());
                texts.add(wrong.toString());
                texts.add(wrongToken.toString());
                texts.add(options.build().toString());
                run(errors, "bad password", () -> wrong.query("SELECT 1"));
                run(errors, "bad password in a token", () -> wrongToken.query("SELECT 1"));
                run(errors, "SQL error", () -> good.query("SELECT * FROM nowhere"));
                run(errors, "SQL error quoting the password", () -> good.query("SELECT * FROM \"" + MARKER + "\""));
                assertThat(good.query("SELECT 1").map(r -> r.getInt(0)).blockLast(Duration.ofSeconds(30)))
                        .isEqualTo(1);
            }
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            try (LakehousePostgresClient nowhere = LakehousePostgresClient.create(options
                    .plaintext("127.0.0.1", closedPort, "memory").credentials(Credentials.basic("dave", MARKER))
                    .build())) {
                texts.add(nowhere.toString());
                run(errors, "connection refused", () -> nowhere.query("SELECT 1"));
            }
        } finally {
            System.setErr(err);
            logs = captured.toString(StandardCharsets.UTF_8);
        }
        assertThat(errors).allSatisfy((what, e) -> assertThat(e).as(what).isInstanceOf(AltertableException.class));
        for (Map.Entry<String, Throwable> e : errors.entrySet()) {
            texts.add(e.getKey() + ": " + SecretProbes.everything(e.getValue(),
                    c -> c instanceof AltertableException ? ((AltertableException) c).context() : null));
        }
        // the server's words are kept, the echoed password masked
        assertThat(errors.get("SQL error quoting the password")).hasMessageContaining("does not exist");
        for (String password : List.of(MARKER, WRONG)) {
            for (String form : List.of(password, token(password))) {
                assertThat(texts).as("messages, toString, contexts and stack traces").noneMatch(t -> t.contains(form));
                assertThat(logs).as("log lines").doesNotContain(form);
            }
        }
    }

    private static String token(String password) {
        return Base64.getEncoder().encodeToString(("dave:" + password).getBytes(StandardCharsets.UTF_8));
    }
}
