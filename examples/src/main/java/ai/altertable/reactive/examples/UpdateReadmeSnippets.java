package ai.altertable.reactive.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the marked Java blocks of the README from the example sources;
 * see {@link ReadmeSnippets}. Run it from the repository or the {@code examples} directory:
 * {@code mvn -B -q -Pdemo -DskipTests verify -pl examples -am
 * -Ddemo.main=ai.altertable.reactive.examples.UpdateReadmeSnippets} (or {@code -Ddemo.args=path/to/file.md}).
 */
public final class UpdateReadmeSnippets {

    private UpdateReadmeSnippets() {
    }

    /** Rewrites the given Markdown files, or the default ones; prints what changed. */
    public static void main(String[] args) throws IOException {
        Path root = ReadmeSnippets.repositoryRoot(Path.of(""));
        List<Path> targets = new ArrayList<>();
        for (String a : args) {
            if (!a.isBlank()) {
                targets.add(Path.of(a));
            }
        }
        if (targets.isEmpty()) {
            targets.add(root.resolve("README.md"));
        }
        ReadmeSnippets snippets = ReadmeSnippets.of(root);
        for (Path target : targets) {
            List<String> drifts = snippets.drifts(target);
            if (drifts.isEmpty()) {
                System.out.printf("%s: %d snippet(s), up to date%n", target,
                        ReadmeSnippets.blocks(ReadmeSnippets.readLines(target)).size());
            } else {
                Files.writeString(target, snippets.rewrite(ReadmeSnippets.readLines(target)), StandardCharsets.UTF_8);
                System.out.printf("%s: rewrote %d drifted snippet(s)%n", target, drifts.size());
            }
        }
    }
}
