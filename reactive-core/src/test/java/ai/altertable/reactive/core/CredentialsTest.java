package ai.altertable.reactive.core;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTest {

    private static final String SECRET = "s3cr3t-Marker-Pw";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void usernameAndPasswordEncodeAsBasic() {
        Credentials c = Credentials.basic("alice", "pa:ss wörd");
        assertThat(c.authorizationHeader()).isEqualTo("Basic " + b64("alice:pa:ss wörd"));
        assertThat(c.username()).isEqualTo("alice");
    }

    @Test
    void tokenIsAcceptedWithOrWithoutPrefix() {
        String token = b64("bob:pw");
        assertThat(Credentials.token(token).authorizationHeader()).isEqualTo("Basic " + token);
        assertThat(Credentials.token("Basic " + token).authorizationHeader()).isEqualTo("Basic " + token);
        assertThat(Credentials.token("  basic   " + token + "\n").authorizationHeader()).isEqualTo("Basic " + token);
        assertThat(Credentials.token(token)).isEqualTo(Credentials.basic("bob", "pw"));
    }

    @Test
    void invalidInputFailsWithoutEchoingIt() {
        assertThatThrownBy(() -> Credentials.token("not base64 !!" + SECRET))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> Credentials.basic("a:b", SECRET)).isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> Credentials.basic("alice", "")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Credentials.basic(null, "x")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Credentials.token(" ")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void toStringNeverShowsSecrets() {
        Credentials basic = Credentials.basic("alice", SECRET);
        Credentials token = Credentials.token(b64("alice:" + SECRET));
        for (Object o : new Object[] {basic, token, CredentialsProvider.of(basic), CredentialsProvider.rotating(() -> basic)}) {
            assertThat(o.toString()).doesNotContain(SECRET).doesNotContain(basic.basicToken());
        }
        assertThat(basic.toString()).contains("alice");
    }

    @Test
    void environmentPrefersSpecVariablesThenTokenThenLegacy() {
        Map<String, String> env = new HashMap<>();
        env.put("ALTERTABLE_USERNAME", "legacy");
        env.put("ALTERTABLE_PASSWORD", "legacy-pw");
        assertThat(Credentials.fromEnvironment(env).username()).isEqualTo("legacy");

        env.put("ALTERTABLE_BASIC_AUTH_TOKEN", b64("tok:pw"));
        assertThat(Credentials.fromEnvironment(env)).isEqualTo(Credentials.basic("tok", "pw"));

        env.put("ALTERTABLE_LAKEHOUSE_USERNAME", "spec");
        env.put("ALTERTABLE_LAKEHOUSE_PASSWORD", "spec-pw");
        assertThat(Credentials.fromEnvironment(env)).isEqualTo(Credentials.basic("spec", "spec-pw"));
        assertThat(Credentials.fromEnvironment(env).source()).contains("ALTERTABLE_LAKEHOUSE_USERNAME");
    }

    @Test
    void emptyEnvironmentFailsAtConstructionNamingTheVariables() {
        assertThatThrownBy(() -> CredentialsProvider.fromEnvironment(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ALTERTABLE_LAKEHOUSE_USERNAME")
                .hasMessageContaining("ALTERTABLE_BASIC_AUTH_TOKEN");
        assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("ALTERTABLE_LAKEHOUSE_USERNAME", "", "ALTERTABLE_LAKEHOUSE_PASSWORD", "")))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void halfAPairIsAnErrorNotASilentFallback() {
        Map<String, String> env = Map.of("ALTERTABLE_LAKEHOUSE_USERNAME", "alice",
                "ALTERTABLE_BASIC_AUTH_TOKEN", b64("x:y"));
        assertThatThrownBy(() -> Credentials.fromEnvironment(env))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ALTERTABLE_LAKEHOUSE_PASSWORD is not set");
        assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("ALTERTABLE_PASSWORD", SECRET)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void explicitBeatsEnvironment() {
        CredentialsProvider explicit = CredentialsProvider.of(Credentials.basic("explicit", "pw"));
        Map<String, String> env = Map.of("ALTERTABLE_LAKEHOUSE_USERNAME", "env", "ALTERTABLE_LAKEHOUSE_PASSWORD", "pw");
        StepVerifier.create(CredentialsProvider.resolve(explicit, env).credentials())
                .assertNext(c -> assertThat(c.username()).isEqualTo("explicit")).verifyComplete();
        StepVerifier.create(CredentialsProvider.resolve(null, env).credentials())
                .assertNext(c -> assertThat(c.username()).isEqualTo("env")).verifyComplete();
        // explicit wins even when the environment is broken
        assertThat(CredentialsProvider.resolve(explicit, Map.of("ALTERTABLE_USERNAME", "half"))).isSameAs(explicit);
    }

    @Test
    void rotatingProviderIsConsultedPerSubscription() {
        AtomicInteger version = new AtomicInteger();
        CredentialsProvider p = CredentialsProvider.rotating(() -> Credentials.basic("u", "pw" + version.incrementAndGet()));
        StepVerifier.create(p.credentials()).assertNext(c -> assertThat(c).isEqualTo(Credentials.basic("u", "pw1"))).verifyComplete();
        StepVerifier.create(p.credentials()).assertNext(c -> assertThat(c).isEqualTo(Credentials.basic("u", "pw2"))).verifyComplete();
        StepVerifier.create(CredentialsProvider.rotating(() -> null).credentials())
                .verifyError(ConfigurationException.class);
    }
}
