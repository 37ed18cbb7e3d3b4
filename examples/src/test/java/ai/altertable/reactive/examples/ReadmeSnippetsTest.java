package ai.altertable.reactive.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's marked Java blocks are the examples' marked regions; see {@link ReadmeSnippets}. The failure paths are
 * proven on Markdown files written to a temporary directory.
 */
class ReadmeSnippetsTest {

    static final Path ROOT = ReadmeSnippets.repositoryRoot(Path.of(""));
    static final ReadmeSnippets SNIPPETS = ReadmeSnippets.of(ROOT);

    static final String CLIENT_REGION = """
            LakehouseClient client = real
                    ? LakehouseClient.create()                                   // ALTERTABLE_* environment
                    : LakehouseClient.create(mock.baseUrl(), mock.credentials()); // the embedded mock""";

    @Test
    void theReadmeQuotesTheExamplesAsTheyAre() {
        assertThat(SNIPPETS.drifts(ROOT.resolve("README.md"))).isEmpty();
    }

    @Test
    void everyRegionOfTheExamplesIsWellFormed() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Stream.of("main", "test")
                .map(s -> ROOT.resolve("examples/src").resolve(s).resolve("java"))
                .flatMap(ReadmeSnippetsTest::javaFiles)) {
            files.forEach(f -> ReadmeSnippets.regions(ReadmeSnippets.readLines(f)).keySet()
                    .forEach(r -> names.add(f.getFileName() + "#" + r)));
        }
        assertThat(names).contains("QuickStart.java#client", "QuickStart.java#append", "QuickStart.java#dau",
                "EventsController.java#webflux-post", "IngestionPipeline.java#ingest-read",
                "TlsClients.java#tls-and-proxy", "TlsClientsTest.java#mock-tls");
    }

    @Test
    void aMatchingBlockPassesWhateverItsIndentation(@TempDir Path dir) throws IOException {
        Path md = write(dir, "# Doc", "<!-- snippet: QuickStart.java#client -->", "```java",
                CLIENT_REGION.indent(4).stripTrailing(), "```");
        assertThat(SNIPPETS.drifts(md)).isEmpty();
    }

    @Test
    void aDriftedBlockFailsWithTheSourceVersion(@TempDir Path dir) throws IOException {
        Path md = write(dir, "<!-- snippet: QuickStart.java#client -->", "```java",
                "LakehouseClient client = LakehouseClient.create();", "```");
        assertThat(SNIPPETS.drifts(md)).singleElement().asString()
                .contains("line 2: QuickStart.java#client differs from the source")
                .contains("LakehouseClient.create(mock.baseUrl(), mock.credentials())");
    }

    @Test
    void aMissingFileOrRegionFails(@TempDir Path dir) throws IOException {
        Path md = write(dir, "<!-- snippet: Nowhere.java#client -->", "```java", "x", "```", "",
                "<!-- snippet: QuickStart.java#nothing -->", "```java", "x", "```");
        assertThat(SNIPPETS.drifts(md)).hasSize(2)
                .anySatisfy(d -> assertThat(d).contains("no source file Nowhere.java"))
                .anySatisfy(d -> assertThat(d).contains("no region nothing"));
    }

    @Test
    void aMarkerMustBeFollowedByAJavaBlock(@TempDir Path dir) throws IOException {
        Path md = write(dir, "<!-- snippet: QuickStart.java#client -->", "", "```java", "x", "```");
        assertThatThrownBy(() -> SNIPPETS.drifts(md)).hasMessageContaining("must be followed directly by a ```java");
    }

    @Test
    void unbalancedRegionsAreRefused() {
        assertThatThrownBy(() -> ReadmeSnippets.regions(List.of("// --8<-- [start:a]", "x")))
                .hasMessageContaining("never ended: [a]");
        assertThatThrownBy(() -> ReadmeSnippets.regions(List.of("// --8<-- [end:a]")))
                .hasMessageContaining("never started");
    }

    @Test
    void nestedRegionsLeaveOutTheMarkers() {
        Map<String, List<String>> regions = ReadmeSnippets.regions(List.of(
                "    // --8<-- [start:outer]", "    a();", "    // --8<-- [start:inner]", "        b();",
                "    // --8<-- [end:inner]", "    // --8<-- [end:outer]"));
        assertThat(regions).containsEntry("outer", List.of("a();", "    b();")).containsEntry("inner", List.of("b();"));
    }

    @Test
    void theUpdaterRewritesOnlyTheMarkedBlocks(@TempDir Path dir) throws IOException {
        Path md = write(dir, "intro", "<!-- snippet: QuickStart.java#client -->", "```java", "stale();", "```",
                "```java", "unmarked();", "```", "outro");
        Files.writeString(md, SNIPPETS.rewrite(ReadmeSnippets.readLines(md)), StandardCharsets.UTF_8);
        assertThat(SNIPPETS.drifts(md)).isEmpty();
        assertThat(Files.readString(md)).isEqualTo(String.join("\n", "intro",
                "<!-- snippet: QuickStart.java#client -->", "```java", CLIENT_REGION, "```", "```java", "unmarked();",
                "```", "outro") + "\n");
    }

    /** The README's quick start and example blocks are all marked, so all of them are checked. */
    @Test
    void theReadmeMarksItsQuotedBlocks() {
        List<ReadmeSnippets.Block> blocks = ReadmeSnippets.blocks(ReadmeSnippets.readLines(ROOT.resolve("README.md")));
        assertThat(blocks).extracting(ReadmeSnippets.Block::reference)
                .contains("QuickStart.java#client", "QuickStart.java#dau");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(8);
    }

    private static Path write(Path dir, String... lines) throws IOException {
        return Files.writeString(dir.resolve("README.md"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static Stream<Path> javaFiles(Path root) {
        try {
            return Files.walk(root).filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
