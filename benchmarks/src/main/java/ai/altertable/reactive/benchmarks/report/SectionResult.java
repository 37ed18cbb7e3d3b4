package ai.altertable.reactive.benchmarks.report;

import java.util.List;

/**
 * What one section measured: lines for the summary table, and its own part of the report.
 *
 * @param title   the section heading
 * @param figures the summary lines
 * @param details Markdown: method, tables, findings
 */
public record SectionResult(String title, List<Figure> figures, String details) {

    /**
     * One line of the summary table.
     *
     * @param section  the section number
     * @param figure   what was measured and its value
     * @param baseline the baseline and its value
     * @param ratio    figure over baseline (or another summary), empty if none
     * @param goal     the goal, empty if none
     * @param verdict  met, missed, or why there is none
     */
    public record Figure(String section, String figure, String baseline, String ratio, String goal, String verdict) {
    }
}
