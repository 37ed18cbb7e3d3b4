package ai.altertable.reactive.mock.flight;

import org.apache.arrow.flight.sql.FlightSqlClient.ExecuteIngestOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableExistsOption;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableNotExistOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Batches and options for ingest tests. */
final class IngestBatches {

    static final Schema ID_NAME = new Schema(java.util.List.of(
            new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    private IngestBatches() {
    }

    /** A root of (id, name) rows; the caller closes it. */
    static VectorSchemaRoot rows(BufferAllocator allocator, Object... idNamePairs) {
        VectorSchemaRoot root = VectorSchemaRoot.create(ID_NAME, allocator);
        root.allocateNew();
        BigIntVector ids = (BigIntVector) root.getVector(0);
        VarCharVector names = (VarCharVector) root.getVector(1);
        for (int i = 0; i < idNamePairs.length / 2; i++) {
            ids.setSafe(i, ((Number) idNamePairs[2 * i]).longValue());
            Object name = idNamePairs[2 * i + 1];
            if (name == null) {
                names.setNull(i);
            } else {
                names.setSafe(i, name.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        root.setRowCount(idNamePairs.length / 2);
        return root;
    }

    static TableDefinitionOptions definition(TableNotExistOption ifNotExist, TableExistsOption ifExists) {
        return TableDefinitionOptions.newBuilder().setIfNotExist(ifNotExist).setIfExists(ifExists).build();
    }

    static TableDefinitionOptions create() {
        return definition(TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE, TableExistsOption.TABLE_EXISTS_OPTION_FAIL);
    }

    static TableDefinitionOptions append() {
        return definition(TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL, TableExistsOption.TABLE_EXISTS_OPTION_APPEND);
    }

    static TableDefinitionOptions createAppend() {
        return definition(TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                TableExistsOption.TABLE_EXISTS_OPTION_APPEND);
    }

    static TableDefinitionOptions replace() {
        return definition(TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                TableExistsOption.TABLE_EXISTS_OPTION_REPLACE);
    }

    static ExecuteIngestOptions options(String table, TableDefinitionOptions definition) {
        return options(table, definition, Map.of());
    }

    static ExecuteIngestOptions options(String table, TableDefinitionOptions definition, Map<String, String> extra) {
        return new ExecuteIngestOptions(table, definition, false, "memory", "main", extra);
    }
}
