package ai.altertable.reactive.core;

import ai.altertable.reactive.core.internal.StatusErrors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AltertableExceptionTest {

    private static ErrorContext ctx(int status) {
        return ErrorContext.builder().operation("query").method("POST").path("/query?session_id=abc").status(status)
                .requestId("req-42").body("<html><body>upstream went away</body></html>").build();
    }

    @ParameterizedTest
    @CsvSource({
            "401, AuthenticationException, false",
            "403, AuthenticationException, false",
            "400, BadRequestException, false",
            "413, BadRequestException, false",
            "415, BadRequestException, false",
            "422, BadRequestException, false",
            "404, NotFoundException, false",
            "405, NotSupportedException, false",
            "501, NotSupportedException, false",
            "408, ApiException, true",
            "429, ApiException, true",
            "500, ApiException, true",
            "502, ApiException, true",
            "503, ApiException, true",
            "504, ApiException, true",
            "418, ApiException, false"})
    void statusMapsToTypedExceptions(int status, String type, boolean retryable) {
        AltertableException e = StatusErrors.forStatus(ctx(status), false);
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.requestId()).isEqualTo("req-42");
        assertThat(e.operation()).isEqualTo("query");
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.path()).as("query string is dropped").isEqualTo("/query");
        assertThat(e.getMessage()).contains("POST /query", "status=" + status, "request-id=req-42", "upstream went away")
                .doesNotContain("session_id");
    }

    @Test
    void missingRoute404IsNotSupported() {
        assertThat(StatusErrors.forStatus(ctx(404), true)).isInstanceOf(NotSupportedException.class);
    }

    @Test
    void bodyExcerptIsBoundedAndRedacted() {
        String body = "Authorization: Basic YWxpY2U6c2VjcmV0 {\"password\":\"hunter22\"} token=abcdef " + "x".repeat(5000);
        ErrorContext c = ErrorContext.builder().status(500).body(body).build();
        assertThat(c.bodyExcerpt()).hasSizeLessThanOrEqualTo(ErrorContext.MAX_EXCERPT_CHARS)
                .doesNotContain("YWxpY2U6c2VjcmV0").doesNotContain("hunter22").doesNotContain("abcdef").endsWith("\u2026");
        AltertableException e = new ApiException("boom", c);
        assertThat(e.getMessage()).doesNotContain("hunter22").doesNotContain("YWxpY2U6c2VjcmV0");
    }

    @Test
    void registeredSecretsAreMaskedWherever_they_appear() {
        Credentials.basic("carol", "Zq9-unique-marker");
        ErrorContext c = ErrorContext.builder().body("server says: user carol / Zq9-unique-marker rejected").build();
        assertThat(c.bodyExcerpt()).doesNotContain("Zq9-unique-marker").contains("carol");
    }

    @Test
    void retryAfterAndCauseAreKept() {
        Throwable cause = new java.io.IOException("reset");
        NetworkException e = new NetworkException("connection reset", ErrorContext.builder()
                .retryAfter(Duration.ofSeconds(3)).build(), cause);
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.requestSent()).isTrue();
    }

    @Test
    void queryAndParseExceptionsCarryLineNumbers() {
        QueryException q = new QueryException("Catalog Error: Table with name nope does not exist!", 2,
                "0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c", ErrorContext.builder().operation("query").build());
        assertThat(q.lineNumber()).isEqualTo(2);
        assertThat(q.queryId()).isEqualTo("0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c");
        assertThat(q.getMessage()).contains("line 2").contains("nope does not exist");
        assertThat(q.isRetryable()).isFalse();
        ResponseParseException p = new ResponseParseException("malformed row", 7, ErrorContext.none(), null);
        assertThat(p.lineNumber()).isEqualTo(7);
        assertThat(p.getMessage()).contains("line 7");
    }

    @Test
    void timeoutNamesItsPhase() {
        OperationTimeoutException t = new OperationTimeoutException(OperationTimeoutException.Phase.IDLE,
                Duration.ofSeconds(2), ErrorContext.builder().operation("query").build(), null);
        assertThat(t.getMessage()).startsWith("idle timeout after 2000 ms");
        assertThat(t.isRetryable()).isTrue();
    }
}
