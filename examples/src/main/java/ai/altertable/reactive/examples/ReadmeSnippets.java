package ai.altertable.reactive.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the Java snippets of a Markdown file identical to the compiled examples they quote.
 *
 * <p>In the Markdown, a line {@code <!-- snippet: File.java#name -->} directly followed by a {@code ```java} block
 * says that the block quotes region {@code name} of {@code File.java} ({@code File.java} is a file name, or the end
 * of a path, under {@code examples/src/main/java} or {@code examples/src/test/java}). In the source, the region is the
 * lines between a line {@code // --8<-- [start:name]} and a line {@code // --8<-- [end:name]} (each alone on its line);
 * regions may nest, and marker lines never belong to a region. Blocks and regions are compared after removing their common indentation, trailing
 * spaces, and blank lines at either end. Blocks without a marker are not checked.
 */
public final class ReadmeSnippets {

    private static final Pattern SNIPPET = Pattern.compile("^\\s*<!--\\s*snippet:\\s*([^#\\s]+)#([\\w.-]+)\\s*-->\\s*$");
    private static final Pattern REGION =
            Pattern.compile("^\\s*//\\s*--8<--\\s*\\[(start|end):([\\w.-]+)]\\s*$");
    private static final String JAVA_FENCE = "```java";
    private static final String FENCE = "```";

    private final List<Path> sourceRoots;

    /** Snippets resolved against these source roots. */
    public ReadmeSnippets(List<Path> sourceRoots) {
        this.sourceRoots = List.copyOf(sourceRoots);
    }

    /** The example sources of the repository at {@code repositoryRoot}. */
    public static ReadmeSnippets of(Path repositoryRoot) {
        Path examples = repositoryRoot.resolve("examples").resolve("src");
        return new ReadmeSnippets(List.of(examples.resolve("main").resolve("java"), examples.resolve("test").resolve("java")));
    }

    /** The repository root: {@code start} or the nearest parent holding {@code README.md} and {@code examples/}. */
    public static Path repositoryRoot(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("examples").resolve("src"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (README.md and examples/src) at or above " + start);
    }

    /**
     * One marked block.
     *
     * @param reference {@code File.java#name}
     * @param fenceLine 0-based line of the opening fence
     * @param endLine   0-based line of the closing fence
     * @param content   the lines between the fences
     */
    public record Block(String reference, int fenceLine, int endLine, List<String> content) {

        String file() {
            return reference.substring(0, reference.indexOf('#'));
        }

        String region() {
            return reference.substring(reference.indexOf('#') + 1);
        }
    }

    /** The marked blocks of a Markdown text, in order. */
    public static List<Block> blocks(List<String> markdown) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < markdown.size(); i++) {
            Matcher m = SNIPPET.matcher(markdown.get(i));
            if (!m.matches()) {
                continue;
            }
            String reference = m.group(1) + "#" + m.group(2);
            if (i + 1 >= markdown.size() || !markdown.get(i + 1).strip().equals(JAVA_FENCE)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": snippet " + reference
                        + " must be followed directly by a " + JAVA_FENCE + " block");
            }
            int end = i + 2;
            while (end < markdown.size() && !markdown.get(end).strip().equals(FENCE)) {
                end++;
            }
            if (end == markdown.size()) {
                throw new IllegalArgumentException("line " + (i + 2) + ": the block of snippet " + reference
                        + " is not closed");
            }
            blocks.add(new Block(reference, i + 1, end, List.copyOf(markdown.subList(i + 2, end))));
            i = end;
        }
        return blocks;
    }

    /** The regions of a source file by name, each normalized. */
    public static Map<String, List<String>> regions(List<String> source) {
        Map<String, List<String>> open = new LinkedHashMap<>();
        Map<String, List<String>> done = new LinkedHashMap<>();
        for (int i = 0; i < source.size(); i++) {
            String line = source.get(i);
            Matcher m = REGION.matcher(line);
            if (m.matches()) {
                String name = m.group(2);
                if (m.group(1).equals("start")) {
                    if (open.containsKey(name) || done.containsKey(name)) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": region " + name + " starts twice");
                    }
                    open.put(name, new ArrayList<>());
                } else if (open.containsKey(name)) {
                    done.put(name, normalize(open.remove(name)));
                } else {
                    throw new IllegalArgumentException("line " + (i + 1) + ": region " + name + " ends, never started");
                }
                continue;
            }
            open.values().forEach(lines -> lines.add(line));
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("regions never ended: " + open.keySet());
        }
        return done;
    }

    /** Every marked block of {@code markdown} that differs from its region, or whose region is missing. */
    public List<String> drifts(Path markdown) {
        List<String> problems = new ArrayList<>();
        for (Block b : blocks(readLines(markdown))) {
            try {
                List<String> region = region(b);
                if (!normalize(b.content()).equals(region)) {
                    problems.add(markdown.getFileName() + " line " + (b.fenceLine() + 1) + ": " + b.reference()
                            + " differs from the source:\n" + String.join("\n", region));
                }
            } catch (IllegalArgumentException e) {
                problems.add(markdown.getFileName() + " line " + (b.fenceLine() + 1) + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /**
     * {@code markdown} with every marked block replaced by its region (the rest of the text unchanged).
     *
     * @throws IllegalArgumentException if a block's file or region does not exist
     */
    public String rewrite(List<String> markdown) {
        List<String> out = new ArrayList<>(markdown);
        List<Block> blocks = blocks(markdown);
        for (int i = blocks.size() - 1; i >= 0; i--) {   // from the end, so earlier line numbers stay valid
            Block b = blocks.get(i);
            List<String> body = out.subList(b.fenceLine() + 1, b.endLine());
            body.clear();
            body.addAll(region(b));
        }
        return String.join("\n", out) + "\n";
    }

    private List<String> region(Block b) {
        Path file = source(b.file());
        List<String> region = regions(readLines(file)).get(b.region());
        if (region == null) {
            throw new IllegalArgumentException("no region " + b.region() + " in " + file);
        }
        return region;
    }

    /** The one source file whose path ends with {@code name}. */
    Path source(String name) {
        List<Path> found = new ArrayList<>();
        for (Path root : sourceRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.endsWith(name) && Files.isRegularFile(p)).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException((found.isEmpty() ? "no source file " : "several source files ") + name
                    + (found.isEmpty() ? "" : " " + found) + " under " + sourceRoots);
        }
        return found.get(0);
    }

    /** Without common indentation, trailing spaces, or blank lines at either end. */
    static List<String> normalize(List<String> lines) {
        List<String> trimmed = lines.stream().map(String::stripTrailing).toList();
        int from = 0;
        int to = trimmed.size();
        while (from < to && trimmed.get(from).isEmpty()) {
            from++;
        }
        while (to > from && trimmed.get(to - 1).isEmpty()) {
            to--;
        }
        List<String> kept = trimmed.subList(from, to);
        int indent = kept.stream().filter(l -> !l.isEmpty())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return kept.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList();
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
