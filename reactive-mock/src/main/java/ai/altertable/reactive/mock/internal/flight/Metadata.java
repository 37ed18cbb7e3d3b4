package ai.altertable.reactive.mock.internal.flight;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The metadata commands (protocol §12). GetFlightInfo answers the command's standard schema and a ticket that is the
 * command itself; DoGet runs the lookup on the session (after its {@code USE} settings), streamed like a query;
 * failures are {@code INTERNAL} with DuckDB's text. As in the official mock, catalogs and schemas come unordered and
 * include DuckDB's system entries, and GetTables filters table types by DuckDB's own strings ({@code BASE TABLE},
 * {@code VIEW}, {@code LOCAL TEMPORARY}).
 */
final class Metadata {

    private static final String CATALOGS = "SELECT DISTINCT catalog_name FROM information_schema.schemata";
    private static final String TABLE_TYPES =
            "SELECT DISTINCT table_type FROM information_schema.tables ORDER BY table_type";

    /** GetTables as arrow-rs builds it: every column declared non-null. */
    static final Schema TABLES = new Schema(List.of(text("catalog_name"), text("db_schema_name"), text("table_name"),
            text("table_type")));
    /** {@link #TABLES} with {@code table_schema}, an IPC schema message per table. */
    static final Schema TABLES_WITH_SCHEMA = new Schema(List.of(text("catalog_name"), text("db_schema_name"),
            text("table_name"), text("table_type"),
            new Field("table_schema", FieldType.notNullable(ArrowType.Binary.INSTANCE), null)));

    private final FlightStreams streams;
    private final BufferAllocator allocator;

    Metadata(FlightStreams streams, BufferAllocator allocator) {
        this.streams = streams;
        this.allocator = allocator;
    }

    /** Whether {@code command} is one of the metadata commands served here. */
    boolean serves(Any command) {
        return command.is(CommandGetCatalogs.class) || command.is(CommandGetDbSchemas.class)
                || command.is(CommandGetTables.class) || command.is(CommandGetTableTypes.class)
                || command.is(CommandGetSqlInfo.class);
    }

    FlightInfo flightInfo(Any command, FlightDescriptor descriptor) {
        if (command.is(CommandGetTables.class)) {
            CommandGetTables tables = Commands.unpack(command, CommandGetTables.class);
            return Commands.flightInfo(tables.getIncludeSchema() ? TABLES_WITH_SCHEMA : TABLES, descriptor, tables);
        }
        Message message;
        Schema schema;
        if (command.is(CommandGetCatalogs.class)) {
            message = Commands.unpack(command, CommandGetCatalogs.class);
            schema = Schemas.GET_CATALOGS_SCHEMA;
        } else if (command.is(CommandGetDbSchemas.class)) {
            message = Commands.unpack(command, CommandGetDbSchemas.class);
            schema = Schemas.GET_SCHEMAS_SCHEMA;
        } else if (command.is(CommandGetTableTypes.class)) {
            message = Commands.unpack(command, CommandGetTableTypes.class);
            schema = Schemas.GET_TABLE_TYPES_SCHEMA;
        } else {
            message = Commands.unpack(command, CommandGetSqlInfo.class);
            schema = Schemas.GET_SQL_INFO_SCHEMA;
        }
        return Commands.flightInfo(schema, descriptor, message);
    }

    void stream(MockFlightSession session, Any command, ServerStreamListener listener) {
        if (command.is(CommandGetSqlInfo.class)) {
            SqlInfos.send(Commands.unpack(command, CommandGetSqlInfo.class), listener, allocator);
        } else if (command.is(CommandGetCatalogs.class)) {
            query(session, "GetCatalogs", CATALOGS, List.of(), listener);
        } else if (command.is(CommandGetTableTypes.class)) {
            query(session, "GetTableTypes", TABLE_TYPES, List.of(), listener);
        } else if (command.is(CommandGetDbSchemas.class)) {
            CommandGetDbSchemas request = Commands.unpack(command, CommandGetDbSchemas.class);
            StringBuilder sql = new StringBuilder("SELECT catalog_name, schema_name AS db_schema_name"
                    + " FROM information_schema.schemata WHERE true");
            List<String> values = new ArrayList<>();
            if (request.hasCatalog()) {
                sql.append(" AND catalog_name = ?");
                values.add(request.getCatalog());
            }
            if (request.hasDbSchemaFilterPattern()) {
                sql.append(" AND schema_name LIKE ?");
                values.add(request.getDbSchemaFilterPattern());
            }
            query(session, "GetDbSchemas", sql.toString(), values, listener);
        } else {
            CommandGetTables request = Commands.unpack(command, CommandGetTables.class);
            new DoGetStream(streams, "GetTables", session, listener, (connection, streamAllocator, interruptible) -> {
                session.applyCatalogAndSchema(connection);
                return Tables.read(connection, request, streamAllocator);
            }, Metadata::failure, allocator).start();
        }
    }

    private void query(MockFlightSession session, String description, String sql, List<String> values,
                       ServerStreamListener listener) {
        new DoGetStream(streams, description, session, listener, (connection, streamAllocator, interruptible) -> {
            session.applyCatalogAndSchema(connection);
            return DuckDbResults.execute(Statements.prepareBound(connection, sql, values), streamAllocator,
                    interruptible);
        }, Metadata::failure, allocator).start();
    }

    private static RuntimeException failure(Throwable t) {
        return FlightStatus.internal(t instanceof SQLException ? FlightStatus.message((SQLException) t)
                : String.valueOf(t.getMessage()));
    }

    private static Field text(String name) {
        return new Field(name, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null);
    }
}
