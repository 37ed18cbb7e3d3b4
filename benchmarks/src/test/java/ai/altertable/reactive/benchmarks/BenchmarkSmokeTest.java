package ai.altertable.reactive.benchmarks;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keeps the harness code working without benchmarking anything: every section on a few rows (each checks the
 * checksum of every cell, and the bytes and requests on the wire, and throws if they are wrong), under the build's
 * Netty leak detection and BlockHound. Takes a few seconds.
 */
class BenchmarkSmokeTest {

    @Test
    void everySectionRunsOnAFewRowsAndRendersTheReport() throws Exception {
        String report = BenchmarkMain.run(BenchConfig.smoke());

        assertThat(report)
                .contains("## Machine", "## Summary", "This run: **smoke** mode")
                .contains("## 1. Streaming", "**Where the time goes**")
                .contains("## 2. Arrow `Flux` versus a raw `FlightStream` loop", "callback-scoped / raw loop")
                .doesNotContain("pending the Flight client")
                .contains("## 3. Batched `Flux` append", "## 4. 20 concurrent streaming queries",
                        "## 5. Heap under a slow subscriber", "## 6. The mock under load",
                        "## 7. Flight ingest of rows versus a raw loop", "## 8. Overhead of metrics and observations",
                        "on / off, wall-clock rows/s", "## 9. The same query over REST, Flight and Postgres",
                        "## 10. One Kafka Connect sink task versus `appendAll` of the same rows",
                        "task (`Struct`s) / appendAll");
        String summary = report.substring(report.indexOf("## Summary"), report.indexOf("## 1."));
        assertThat(summary.lines().filter(l -> l.matches("\\| [1-9]0? \\|.*")))
                .extracting(l -> l.substring(0, l.indexOf(" |", 2) + 2))
                .containsExactly("| 1 |", "| 2 |", "| 2 |", "| 2 |", "| 2 |", "| 3 |", "| 3 |", "| 3 |", "| 4 |", "| 5 |",
                        "| 6 |", "| 6 |", "| 7 |", "| 8 |", "| 8 |", "| 9 |", "| 9 |", "| 9 |", "| 10 |", "| 10 |");
    }

    @Test
    void argumentsSelectModeSectionsAndOutput() {
        BenchConfig c = BenchConfig.parse("quick sections=1,5", "", "out=/tmp/B.md jmh=false");

        assertThat(c.mode()).isEqualTo("quick");
        assertThat(c.sections()).isEqualTo(Set.of(1, 5));
        assertThat(c.out()).isEqualTo(Path.of("/tmp/B.md"));
        assertThat(c.jmh()).isFalse();
        assertThat(BenchConfig.parse().mode()).isEqualTo("full");
        assertThat(BenchConfig.parse().slowRows()).isEqualTo(5_000_000);
        assertThat(BenchConfig.parse("sections=2").sections()).isEqualTo(Set.of(2));
        assertThatThrownBy(() -> BenchConfig.parse("sections=11"))
                .hasMessageContaining("sections are [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");
        assertThatThrownBy(() -> BenchConfig.parse("fast")).hasMessageContaining("unknown argument");
    }
}
