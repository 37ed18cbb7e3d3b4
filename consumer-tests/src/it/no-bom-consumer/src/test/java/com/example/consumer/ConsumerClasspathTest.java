package com.example.consumer;

import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What a user's class path holds: the dependency versions the library's own build uses, so one Netty, one gRPC, one
 * protobuf, one Arrow and one Jackson, Arrow's unsafe allocator and not its netty one, and a REST query and a Flight
 * query against the embedded mock that complete. no-bom-consumer runs it on what the published POMs alone give;
 * bom-consumer (which compiles these same sources) on what they give with {@code reactive-bom} imported beside the
 * user's own Arrow, gRPC, Netty and Jackson dependencies. A linkage error on a Netty thread never reaches the
 * subscriber (a query just never completes), so every wait is bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsumerClasspathTest {

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);
    /** Group prefixes whose artifacts must all be at one version. */
    private static final List<String> FAMILIES = List.of(
            "io.netty:", "io.grpc:", "com.google.protobuf:", "org.apache.arrow:", "com.fasterxml.jackson.");
    /** This project's own test dependencies (JUnit and an SLF4J binding), not the library's. */
    private static final Pattern OWN_TEST_DEPENDENCIES =
            Pattern.compile("org\\.junit|org\\.opentest4j:|org\\.apiguardian:|org\\.slf4j:slf4j-simple:");

    @Test
    void everyDependencyOfTheLibraryHasTheVersionTheLibraryIsTestedWith() throws Exception {
        // tested: what the library's build resolves for reactive-rest, -flight and -mock under the parent's
        // dependency management (consumer-tests/target/tested-dependencies.txt); resolved: what this project
        // resolved from the published POMs alone (target/resolved-dependencies.txt).
        Map<String, String> tested = DependencyList.read(Path.of(System.getProperty("tested.dependencies")));
        Map<String, String> resolved = DependencyList.read(Path.of(System.getProperty("resolved.dependencies")));
        List<String> problems = new ArrayList<>();
        resolved.forEach((artifact, version) -> {
            String expected = tested.get(artifact);
            if (expected == null && !OWN_TEST_DEPENDENCIES.matcher(artifact).lookingAt()) {
                problems.add(artifact + ":" + version + " is not in the library's own build");
            } else if (expected != null && !expected.equals(version)) {
                problems.add(artifact + ":" + version + " instead of " + expected);
            }
        });
        tested.keySet().stream().filter(artifact -> !resolved.containsKey(artifact))
                .forEach(artifact -> problems.add(artifact + " is missing"));
        assertEquals(List.of(), problems, "the consumer's classpath differs from the one the library is tested with");
    }

    @Test
    void eachLibraryFamilyHasOneVersion() throws Exception {
        // What `mvn dependency:tree` of a mixed project shows: Netty 4.2.17 beside 4.2.9 and 4.1.130, or Arrow 19.0.0
        // beside 18.3.0. Kept out of their family: netty-tcnative, which has versions of its own (2.0.x), flight-sql at
        // 18.3.0 (19.0.0 is not published) and jackson-annotations, versioned without a patch number (2.23).
        Map<String, String> resolved = DependencyList.read(Path.of(System.getProperty("resolved.dependencies")));
        Map<String, Set<String>> versionsByFamily = new TreeMap<>();
        resolved.forEach((artifact, version) -> {
            String family = FAMILIES.stream().filter(artifact::startsWith).findFirst().orElse(null);
            if (family != null && !artifact.startsWith("io.netty:netty-tcnative")
                    && !artifact.startsWith("org.apache.arrow:flight-sql:")
                    && !artifact.startsWith("com.fasterxml.jackson.core:jackson-annotations:")) {
                versionsByFamily.computeIfAbsent(family, f -> new TreeSet<>()).add(version);
            }
        });
        assertEquals(Set.copyOf(FAMILIES), versionsByFamily.keySet(), "families found: " + versionsByFamily);
        versionsByFamily.forEach((family, versions) ->
                assertEquals(1, versions.size(), family + " comes at several versions: " + versions));
    }

    @Test
    void everyNettyJarHasTheVersionTheLibraryIsTestedWith() {
        Map<String, String> versions = new TreeMap<>();
        Version.identify().forEach((artifact, version) -> versions.put(artifact, version.artifactVersion()));
        Set<String> distinct = new TreeSet<>(versions.values());
        // netty-tcnative has versions of its own (2.0.x); every other Netty module is one release.
        versions.keySet().removeIf(artifact -> artifact.startsWith("netty-tcnative"));
        assertEquals(Set.of(System.getProperty("expected.netty.version")), new TreeSet<>(versions.values()),
                "Netty modules on the classpath: " + versions + " (all versions seen: " + distinct + ")");
    }

    @Test
    void defaultHeadersIsInOneJar() throws Exception {
        // Netty 4.1's netty-codec and 4.2's netty-codec-base both hold DefaultHeaders; whichever comes first wins.
        List<URL> copies = Collections.list(getClass().getClassLoader()
                .getResources("io/netty/handler/codec/DefaultHeaders.class"));
        assertEquals(1, copies.size(), "DefaultHeaders found in " + copies);
    }

    @Test
    void jacksonCoreAndDatabindAgree() {
        String expected = System.getProperty("expected.jackson.version");
        assertEquals(expected, com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString(), "jackson-core");
        assertEquals(expected, com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(), "jackson-databind");
        assertEquals(expected, com.fasterxml.jackson.datatype.jsr310.PackageVersion.VERSION.toString(),
                "jackson-datatype-jsr310");
    }

    @Test
    void arrowAllocatesWithUnsafeNeverWithNetty() throws Exception {
        // arrow-memory-netty breaks on JDK 24+ (the build notes, §1.5); arrow-memory-unsafe replaces it.
        ClassLoader loader = getClass().getClassLoader();
        Class.forName("org.apache.arrow.memory.unsafe.UnsafeAllocationManager", false, loader);
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.apache.arrow.memory.netty.NettyAllocationManager", false, loader));
    }

    @Test
    void restAndFlightQueriesCompleteAgainstTheEmbeddedMock() {
        try (AltertableMock mock = AltertableMock.start()) {
            LakehouseClient rest = LakehouseClient.create(mock.baseUrl(), mock.credentials());
            try {
                List<Row> rows = rest.query("SELECT 42 AS answer, 'rest' AS via").collectList().block(QUERY_TIMEOUT);
                assertEquals(1, rows.size());
                assertEquals(42L, rows.get(0).getLong("answer"));
                assertEquals("rest", rows.get(0).getString("via"));
            } finally {
                rest.close();
            }
            try (LakehouseFlightClient flight = LakehouseFlightClient.create(mock.flightUri().toString(),
                    mock.credentials())) {
                List<Row> rows = flight.query("SELECT 43 AS answer, 'flight' AS via").collectList()
                        .block(QUERY_TIMEOUT);
                assertEquals(1, rows.size());
                assertEquals(43L, rows.get(0).getLong("answer"));
                assertEquals("flight", rows.get(0).getString("via"));
            }
        }
    }
}
