package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.flight.IngestOptions;
import ai.altertable.reactive.flight.TableDefinition;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.sql.FlightSqlUtils;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.Iterator;
import java.util.List;

/**
 * Builds the Flight SQL commands and actions this client sends ({@code Any}-packed protobuf, as Flight SQL wants) and
 * reads the answers. Pure functions; no I/O.
 */
public final class FlightSqlCommands {

    private FlightSqlCommands() {
    }

    public static FlightDescriptor statementQuery(String sql, byte[] transactionId) {
        FlightSql.CommandStatementQuery.Builder b = FlightSql.CommandStatementQuery.newBuilder().setQuery(sql);
        if (transactionId != null) {
            b.setTransactionId(ByteString.copyFrom(transactionId));
        }
        return descriptor(b.build());
    }

    public static FlightDescriptor statementUpdate(String sql, byte[] transactionId) {
        FlightSql.CommandStatementUpdate.Builder b = FlightSql.CommandStatementUpdate.newBuilder().setQuery(sql);
        if (transactionId != null) {
            b.setTransactionId(ByteString.copyFrom(transactionId));
        }
        return descriptor(b.build());
    }

    public static FlightDescriptor preparedQuery(byte[] handle) {
        return descriptor(FlightSql.CommandPreparedStatementQuery.newBuilder()
                .setPreparedStatementHandle(ByteString.copyFrom(handle)).build());
    }

    public static FlightDescriptor preparedUpdate(byte[] handle) {
        return descriptor(FlightSql.CommandPreparedStatementUpdate.newBuilder()
                .setPreparedStatementHandle(ByteString.copyFrom(handle)).build());
    }

    /**
     * The ingest command: both table-definition enums always set, catalog and schema when known, upsert keys as JSON
     * arrays in the options.
     *
     * @param defaultCatalog used when the options name no catalog (the session's configured one), may be null
     * @param defaultSchema  likewise for the schema
     */
    public static FlightDescriptor ingest(IngestOptions options, String defaultCatalog, String defaultSchema,
                                          byte[] transactionId) {
        FlightSql.CommandStatementIngest.Builder b = FlightSql.CommandStatementIngest.newBuilder()
                .setTable(options.table())
                .setTemporary(options.temporary())
                .setTableDefinitionOptions(definition(options.definition()));
        String catalog = options.catalog() != null ? options.catalog() : defaultCatalog;
        String schema = options.schema() != null ? options.schema() : defaultSchema;
        if (catalog != null) {
            b.setCatalog(catalog);
        }
        if (schema != null) {
            b.setSchema(schema);
        }
        if (transactionId != null) {
            b.setTransactionId(ByteString.copyFrom(transactionId));
        }
        b.putAllOptions(options.extraOptions());
        if (options.isUpsert()) {
            b.putOptions("primary_key", jsonArray(options.primaryKey()));
            if (!options.cursorField().isEmpty()) {
                b.putOptions("cursor_field", jsonArray(options.cursorField()));
            }
        }
        return descriptor(b.build());
    }

    static TableDefinitionOptions definition(TableDefinition d) {
        TableDefinitionOptions.TableNotExistOption notExist = d.ifNotExists() == TableDefinition.IfNotExists.CREATE
                ? TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE
                : TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL;
        TableDefinitionOptions.TableExistsOption exists;
        switch (d.ifExists()) {
            case APPEND:
                exists = TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_APPEND;
                break;
            case REPLACE:
                exists = TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_REPLACE;
                break;
            default:
                exists = TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_FAIL;
                break;
        }
        return TableDefinitionOptions.newBuilder().setIfNotExist(notExist).setIfExists(exists).build();
    }

    /** A JSON array of strings, e.g. {@code ["tenant","id"]}. */
    static String jsonArray(List<String> values) {
        try {
            return AltertableJson.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    public static FlightDescriptor catalogs() {
        return descriptor(FlightSql.CommandGetCatalogs.getDefaultInstance());
    }

    public static FlightDescriptor schemas(String catalog, String schemaPattern) {
        FlightSql.CommandGetDbSchemas.Builder b = FlightSql.CommandGetDbSchemas.newBuilder();
        if (catalog != null) {
            b.setCatalog(catalog);
        }
        if (schemaPattern != null) {
            b.setDbSchemaFilterPattern(schemaPattern);
        }
        return descriptor(b.build());
    }

    public static FlightDescriptor tables(String catalog, String schemaPattern, String tablePattern,
                                          List<String> tableTypes, boolean includeSchema) {
        FlightSql.CommandGetTables.Builder b = FlightSql.CommandGetTables.newBuilder().setIncludeSchema(includeSchema);
        if (catalog != null) {
            b.setCatalog(catalog);
        }
        if (schemaPattern != null) {
            b.setDbSchemaFilterPattern(schemaPattern);
        }
        if (tablePattern != null) {
            b.setTableNameFilterPattern(tablePattern);
        }
        b.addAllTableTypes(tableTypes);
        return descriptor(b.build());
    }

    public static FlightDescriptor tableTypes() {
        return descriptor(FlightSql.CommandGetTableTypes.getDefaultInstance());
    }

    public static FlightDescriptor sqlInfo(List<Integer> ids) {
        return descriptor(FlightSql.CommandGetSqlInfo.newBuilder().addAllInfo(ids).build());
    }

    public static Action createPrepared(String sql, byte[] transactionId) {
        FlightSql.ActionCreatePreparedStatementRequest.Builder b =
                FlightSql.ActionCreatePreparedStatementRequest.newBuilder().setQuery(sql);
        if (transactionId != null) {
            b.setTransactionId(ByteString.copyFrom(transactionId));
        }
        return action(FlightSqlUtils.FLIGHT_SQL_CREATE_PREPARED_STATEMENT.getType(), b.build());
    }

    public static Action closePrepared(byte[] handle) {
        return action(FlightSqlUtils.FLIGHT_SQL_CLOSE_PREPARED_STATEMENT.getType(),
                FlightSql.ActionClosePreparedStatementRequest.newBuilder()
                        .setPreparedStatementHandle(ByteString.copyFrom(handle)).build());
    }

    public static Action beginTransaction() {
        return action(FlightSqlUtils.FLIGHT_SQL_BEGIN_TRANSACTION.getType(),
                FlightSql.ActionBeginTransactionRequest.getDefaultInstance());
    }

    public static Action endTransaction(byte[] transactionId, boolean commit) {
        return action(FlightSqlUtils.FLIGHT_SQL_END_TRANSACTION.getType(),
                FlightSql.ActionEndTransactionRequest.newBuilder()
                        .setTransactionId(ByteString.copyFrom(transactionId))
                        .setAction(commit ? FlightSql.ActionEndTransactionRequest.EndTransaction.END_TRANSACTION_COMMIT
                                : FlightSql.ActionEndTransactionRequest.EndTransaction.END_TRANSACTION_ROLLBACK)
                        .build());
    }

    @SuppressWarnings("deprecation") // CancelQuery is deprecated, but it is what the Altertable server answers
    public static Action cancelQuery(byte[] serializedFlightInfo) {
        return action(FlightSqlUtils.FLIGHT_SQL_CANCEL_QUERY.getType(),
                FlightSql.ActionCancelQueryRequest.newBuilder().setInfo(ByteString.copyFrom(serializedFlightInfo)).build());
    }

    /** Reads every result of an action (so the call ends cleanly) and returns the first, or {@code null}. */
    public static Result firstResult(Iterator<Result> results) {
        Result first = null;
        while (results.hasNext()) {
            Result r = results.next();
            if (first == null) {
                first = r;
            }
        }
        return first;
    }

    /** Unpacks an {@code Any}-packed action result. */
    public static <T extends Message> T unpack(Result result, Class<T> type) throws InvalidProtocolBufferException {
        if (result == null) {
            throw new InvalidProtocolBufferException("the server sent no result");
        }
        return Any.parseFrom(result.getBody()).unpack(type);
    }

    /** The record count of a {@code DoPutUpdateResult}. */
    public static long recordCount(byte[] putResultMetadata) throws InvalidProtocolBufferException {
        if (putResultMetadata == null) {
            throw new InvalidProtocolBufferException("the server sent no DoPutUpdateResult");
        }
        return FlightSql.DoPutUpdateResult.parseFrom(putResultMetadata).getRecordCount();
    }

    /** An IPC-encapsulated schema, as in prepared statements and GetTables; empty bytes give an empty schema. */
    public static Schema schema(ByteString bytes) throws IOException {
        if (bytes == null || bytes.isEmpty()) {
            return new Schema(List.of());
        }
        return MessageSerializer.deserializeSchema(new ReadChannel(
                Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray()))));
    }

    /** As {@link #schema(ByteString)} for raw bytes. */
    public static Schema schema(byte[] bytes) throws IOException {
        return schema(bytes == null ? null : ByteString.copyFrom(bytes));
    }

    static FlightDescriptor descriptor(Message command) {
        return FlightDescriptor.command(Any.pack(command).toByteArray());
    }

    static Action action(String type, Message body) {
        return new Action(type, Any.pack(body).toByteArray());
    }
}
