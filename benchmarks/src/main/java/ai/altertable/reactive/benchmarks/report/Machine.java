package ai.altertable.reactive.benchmarks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: CPU, memory, OS, JDK, JVM flags, date, load. */
public final class Machine {

    private Machine() {
    }

    /** Markdown bullet lines. */
    public static String describe() {
        Runtime rt = Runtime.getRuntime();
        StringBuilder sb = new StringBuilder();
        line(sb, "CPU", cpuModel() + ", " + rt.availableProcessors() + " cores available to the JVM (nproc)");
        line(sb, "memory", memTotal() + " total; JVM max heap " + (rt.maxMemory() >> 20) + " MiB");
        line(sb, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        line(sb, "JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        line(sb, "JVM flags", "`" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + "`");
        line(sb, "date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        line(sb, "commit", gitCommit());
        line(sb, "load average at start", String.format(Locale.ROOT, "%.2f (1 min)",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append("- ").append(key).append(": ").append(value).append('\n');
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
    }

    private static String memTotal() {
        return procLine("/proc/meminfo", "MemTotal")
                .map(v -> (Long.parseLong(v.replace("kB", "").trim()) >> 20) + " GiB")
                .orElse("unknown");
    }

    private static java.util.Optional<String> procLine(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            boolean done = p.waitFor(5, TimeUnit.SECONDS);
            String dirty = "";
            Process s = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                    .redirectErrorStream(true).start();
            if (!new String(s.getInputStream().readAllBytes()).isBlank()) {
                dirty = " (with uncommitted changes)";
            }
            s.waitFor(5, TimeUnit.SECONDS);
            return done && p.exitValue() == 0 ? out + dirty : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
