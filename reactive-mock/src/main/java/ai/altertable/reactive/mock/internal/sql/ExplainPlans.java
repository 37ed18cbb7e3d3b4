package ai.altertable.reactive.mock.internal.sql;

import ai.altertable.reactive.core.model.ExplainResponse;
import ai.altertable.reactive.core.model.ExplainTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /explain} (protocol §9.2): DuckDB's {@code EXPLAIN (FORMAT JSON)} plan, reduced to one entry per table
 * scan ({@code SEQ_SCAN}, {@code TABLE_SCAN}, {@code DUCKLAKE_SCAN}) with its estimated rows and filters joined by
 * {@code AND}; the plan itself when asked for. Blocking: call on the database scheduler.
 */
public final class ExplainPlans {

    private static final Set<String> SCANS = Set.of("SEQ_SCAN", "TABLE_SCAN", "DUCKLAKE_SCAN");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ExplainPlans() {
    }

    /** Explains {@code statement}; a DuckDB failure is a response with {@code error}, never an exception. */
    public static ExplainResponse explain(Connection c, String statement, boolean includePlan) {
        String trimmed = statement.strip();
        List<JsonNode> plan;
        try {
            plan = plan(c, trimmed);
        } catch (SQLException e) {
            return ExplainResponse.failure(trimmed, SqlMessages.of(e));
        } catch (IOException e) {
            return ExplainResponse.failure(trimmed, "cannot read DuckDB's plan: " + e.getMessage());
        }
        List<ExplainTable> tables = new ArrayList<>();
        for (JsonNode node : plan) {
            collectScans(node, tables);
        }
        return ExplainResponse.success(trimmed, tables, includePlan ? plan : null);
    }

    private static List<JsonNode> plan(Connection c, String statement) throws SQLException, IOException {
        List<JsonNode> nodes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) " + statement)) {
            while (rs.next()) {
                JsonNode value = JSON.readTree(rs.getString(2));
                if (value.isArray()) {
                    value.forEach(nodes::add);
                } else {
                    nodes.add(value);
                }
            }
        }
        return nodes;
    }

    private static void collectScans(JsonNode node, List<ExplainTable> out) {
        String name = node.path("name").asText("").strip();
        if (SCANS.contains(name)) {
            JsonNode info = node.path("extra_info");
            out.add(new ExplainTable(info.path("Table").asText(""), cardinality(info), filters(info.get("Filters"))));
        }
        for (JsonNode child : node.path("children")) {
            collectScans(child, out);
        }
    }

    private static long cardinality(JsonNode info) {
        String v = info.path("Estimated Cardinality").asText("0").replaceAll("[^0-9]", "");
        try {
            return v.isEmpty() ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String filters(JsonNode f) {
        if (f == null || f.isNull()) {
            return null;
        }
        if (f.isArray()) {
            List<String> parts = new ArrayList<>();
            f.forEach(p -> parts.add(p.asText().strip()));
            return parts.isEmpty() ? null : String.join(" AND ", parts);
        }
        return f.asText().strip(); // the official mock trims, and keeps even an empty string
    }
}
