package ai.altertable.reactive.core.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials after {@code Basic}/{@code Bearer} are masked; the words of a sentence about those schemes are not. */
class RedactionTest {

    @Test
    void realCredentialsAfterTheSchemeAreMasked() {
        assertThat(Redaction.redact("authorization: Bearer YWxpY2U6c2VjcmV0OjEyMw==")).doesNotContain("YWxpY2U6");
        assertThat(Redaction.redact("sent Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-_x, rejected"))
                .isEqualTo("sent Bearer ****, rejected");
        assertThat(Redaction.redact("Basic YWxpY2U6c2VjcmV0")).isEqualTo("Basic ****");
        assertThat(Redaction.redact("bearer tok-1")).isEqualTo("bearer ****");
        assertThat(Redaction.redact("Bearer 0123456789abcdef")).isEqualTo("Bearer ****");
        // a token that happens to be a plain word is still a token
        assertThat(Redaction.redact("Bearer hunter")).isEqualTo("Bearer ****");
        assertThat(Redaction.redact("Bearer Secret")).isEqualTo("Bearer ****");
    }

    @Test
    void wordsOfASentenceAboutTheSchemeAreKept() {
        assertThat(Redaction.redact("Authorization header must use Bearer scheme"))
                .isEqualTo("Authorization header must use Bearer scheme");
        assertThat(Redaction.redact("a Bearer token is required. Basic auth, or Bearer.")).isEqualTo(
                "a Bearer token is required. Basic auth, or Bearer.");
        assertThat(Redaction.redact("use Basic authentication with the Bearer scheme."))
                .isEqualTo("use Basic authentication with the Bearer scheme.");
    }
}
