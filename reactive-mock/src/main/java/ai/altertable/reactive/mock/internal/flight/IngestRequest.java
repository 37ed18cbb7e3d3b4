package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.mock.internal.ingest.SqlQuoting;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableExistsOption;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableNotExistOption;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A checked {@code CommandStatementIngest} (protocol §10): the target {@code "catalog"."schema"."table"} ({@code memory}
 * and {@code main} when unset; the session's catalog and schema options are not used), the table-definition options
 * (absent means create when missing, append when present), and the upsert keys from the {@code primary_key} and
 * {@code cursor_field} options, JSON arrays of column names. The {@code temporary} flag and the transaction id are
 * ignored, as by the official mock: catalog {@code temp} makes a temporary table.
 *
 * @param catalog     the catalog
 * @param schema      the schema
 * @param table       the table
 * @param definition  the table-definition options, or null when absent
 * @param primaryKey  the key columns; empty for a plain append
 * @param cursorField the cursor columns of an upsert; possibly empty
 */
record IngestRequest(String catalog, String schema, String table, TableDefinitionOptions definition,
                     List<String> primaryKey, List<String> cursorField) {

    static final String TEMP_CATALOG = "temp";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Checks the command before anything is read or written.
     *
     * @throws org.apache.arrow.flight.FlightRuntimeException {@code INVALID_ARGUMENT} for an unspecified
     *                                                        table-definition enum or a malformed option
     */
    static IngestRequest of(CommandStatementIngest command) {
        TableDefinitionOptions definition = null;
        if (command.hasTableDefinitionOptions()) {
            definition = command.getTableDefinitionOptions();
            if (!known(definition.getIfNotExist()) || !known(definition.getIfExists())) {
                throw FlightStatus.invalidArgument("Table definition options must be specified");
            }
        }
        List<String> primaryKey = columns(command, "primary_key");
        List<String> cursorField = primaryKey.isEmpty() ? List.of() : columns(command, "cursor_field");
        return new IngestRequest(command.hasCatalog() ? command.getCatalog() : "memory",
                command.hasSchema() ? command.getSchema() : "main", command.getTable(), definition, primaryKey,
                cursorField);
    }

    /** Whether rows are merged by key (a non-empty {@code primary_key}) rather than appended. */
    boolean upsert() {
        return !primaryKey.isEmpty();
    }

    /** Whether the table is a temporary one (catalog {@code temp}). */
    boolean temporary() {
        return TEMP_CATALOG.equalsIgnoreCase(catalog);
    }

    /** {@code "catalog"."schema"."table"}, each part quoted. */
    String target() {
        return schemaSql() + '.' + SqlQuoting.identifier(table);
    }

    /** {@code "catalog"."schema"}. */
    String schemaSql() {
        return SqlQuoting.identifier(catalog) + '.' + SqlQuoting.identifier(schema);
    }

    private static boolean known(TableNotExistOption option) {
        return option == TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE
                || option == TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL;
    }

    private static boolean known(TableExistsOption option) {
        return option == TableExistsOption.TABLE_EXISTS_OPTION_FAIL
                || option == TableExistsOption.TABLE_EXISTS_OPTION_APPEND
                || option == TableExistsOption.TABLE_EXISTS_OPTION_REPLACE;
    }

    /** A JSON array of strings from the options, or empty when the key is absent. */
    private static List<String> columns(CommandStatementIngest command, String key) {
        String value = command.getOptionsMap().get(key);
        if (value == null) {
            return List.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw malformed(key, e.getOriginalMessage());
        }
        if (node == null || !node.isArray()) {
            throw malformed(key, "invalid type: " + kind(node) + ", expected a sequence");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw malformed(key, "invalid type: " + kind(item) + ", expected a string");
            }
            names.add(item.asText());
        }
        return List.copyOf(names);
    }

    private static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static RuntimeException malformed(String key, String detail) {
        String escaped = detail.replace("\\", "\\\\").replace("\"", "\\\"");
        return FlightStatus.invalidArgument("Malformed options: error parsing command options: {\"" + key
                + "\":\"parsing error: " + escaped + "\"}");
    }
}
