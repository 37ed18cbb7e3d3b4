package ai.altertable.reactive.benchmarks.report;

import ai.altertable.reactive.benchmarks.BenchConfig;

import java.util.List;

/** Assembles {@code BENCHMARKS.md}: how it was made, the machine, the summary table, then each section. */
public final class Report {

    /** The command that writes the report (also in benchmarks/README.md). */
    public static final String COMMAND = "mvn -B -q -Pbench -DskipTests verify -pl benchmarks -am";

    private Report() {
    }

    public static String render(BenchConfig c, String machine, List<SectionResult> sections, String notes) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmarks\n\n");
        sb.append("Written by the `benchmarks` module (see [`benchmarks/README.md`](benchmarks/README.md)):\n\n");
        sb.append("```bash\n").append(COMMAND).append('\n').append("```\n\n");
        sb.append("This run: **").append(c.mode()).append("** mode");
        if (c.mode().equals("quick")) {
            sb.append(" (smaller sizes; section 5 reads ").append(String.format("%,d", c.slowRows()))
                    .append(" rows instead of 5,000,000)");
        }
        sb.append(", sections ").append(c.sections()).append(". Every ratio is measured side by side in one run: ")
                .append("the figure and its baseline alternate within each iteration, on the same bytes, in the ")
                .append("same JVM, and the ratio is taken per iteration. Client and loopback server share the ")
                .append("machine's cores, as they do in any single-host test.\n\n");
        sb.append("## Machine\n\n").append(machine).append('\n');
        sb.append("## Summary\n\n| # | figure | baseline | ratio or result | goal | |\n|---|---|---|---|---|---|\n");
        for (SectionResult s : sections) {
            for (SectionResult.Figure f : s.figures()) {
                sb.append("| ").append(f.section()).append(" | ").append(f.figure()).append(" | ").append(f.baseline())
                        .append(" | ").append(f.ratio()).append(" | ").append(f.goal()).append(" | ")
                        .append(f.verdict()).append(" |\n");
            }
        }
        sb.append('\n');
        if (!notes.isBlank()) {
            sb.append("Missed goals are explained in [Why the missed goals are missed](#why-the-missed-goals-are-missed)"
                    + ".\n\n");
        }
        for (SectionResult s : sections) {
            sb.append("## ").append(s.title()).append("\n\n").append(s.details()).append('\n');
        }
        if (!notes.isBlank()) {
            sb.append(notes);
        }
        return sb.toString();
    }
}
