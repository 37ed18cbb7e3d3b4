package ai.altertable.reactive.flight.testserver;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SessionOptionValue;
import org.apache.arrow.flight.SessionOptionValueVisitor;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.SetSessionOptionsResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.CancelResult;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Flight SQL producer over Java-built vectors, for client tests: queries of registered {@link Dataset}s (with
 * server-side backpressure, so a slow client slows it), updates with configured counts, ingest that records every
 * batch, prepared statements that echo their bound parameters, transactions, session options, metadata, and the two
 * cancel actions. Everything it receives is recorded with the call's authorization header.
 */
public final class TestSqlProducer extends NoOpFlightSqlProducer {

    /** An action or command as received. */
    public record Received(String name, String authorization, String detail) {
    }

    /** One ingest as received. */
    public record Ingest(FlightSql.CommandStatementIngest command, List<Integer> batchRows, List<Long> batchBytes,
                         List<Object> firstColumn, Schema schema) {
        public long rows() {
            return batchRows.stream().mapToLong(Integer::longValue).sum();
        }
    }

    private final BufferAllocator allocator;
    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
    private final Map<String, Long> updateCounts = new ConcurrentHashMap<>();
    private final Map<String, Integer> batchesSent = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> stalls = new ConcurrentHashMap<>();
    private final List<String> cancelledStreams = new CopyOnWriteArrayList<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Ingest> ingests = new CopyOnWriteArrayList<>();
    private final Map<ByteString, Prepared> prepared = new ConcurrentHashMap<>();
    private final AtomicInteger transactions = new AtomicInteger();
    private final SqlInfoBuilder sqlInfo = new SqlInfoBuilder()
            .withFlightSqlServerName("Test Flight SQL Server")
            .withFlightSqlServerVersion("1.0.0")
            .withFlightSqlServerReadOnly(false);

    private static final class Prepared {
        final String sql;
        volatile List<String> parameters = List.of();

        Prepared(String sql) {
            this.sql = sql;
        }
    }

    TestSqlProducer(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    // ---- configuration and observations

    public void register(String sql, Dataset dataset) {
        datasets.put(sql, dataset);
    }

    public void updateCount(String sql, long count) {
        updateCounts.put(sql, count);
    }

    /** Batches the server has put on the wire for {@code sql}. */
    public int batchesSent(String sql) {
        return batchesSent.getOrDefault(sql, 0);
    }

    /** How often the server found the client not ready (waited) while streaming {@code sql}. */
    public int stalls(String sql) {
        AtomicInteger n = stalls.get(sql);
        return n == null ? 0 : n.get();
    }

    /** SQL texts whose streams the client cancelled. */
    public List<String> cancelledStreams() {
        return List.copyOf(cancelledStreams);
    }

    /**
     * Makes the next call that reaches {@code point} wait there until the test releases it or the client cancels:
     * {@code "GetFlightInfo <sql>"}, {@code "DoGet <sql> #<n>"} (before the stream's batch {@code n}, counted from 0),
     * or {@code "BeginTransaction"}.
     */
    public Hold hold(String point) {
        Hold hold = new Hold();
        holds.put(point, hold);
        return hold;
    }

    /** Whether the call may go on past {@code point}: no hold there, or it was released rather than cancelled. */
    private boolean pass(String point, java.util.function.BooleanSupplier cancelled) {
        Hold hold = holds.remove(point);
        return hold == null || hold.pass(cancelled);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String name) {
        return received.stream().filter(r -> r.name().equals(name)).toList();
    }

    public List<Ingest> ingests() {
        return List.copyOf(ingests);
    }

    /** Prepared statements created and not yet closed. */
    public int openPreparedStatements() {
        return prepared.size();
    }

    private void record(String name, CallContext context, String detail) {
        TokenAuth.Call auth = context.getMiddleware(TokenAuth.KEY);
        received.add(new Received(name, auth == null ? null : auth.authorization(), detail));
    }

    // ---- statement queries

    @Override
    public FlightInfo getFlightInfoStatement(FlightSql.CommandStatementQuery command, CallContext context,
                                             FlightDescriptor descriptor) {
        String sql = command.getQuery();
        record("GetFlightInfo", context, sql + tx(command.getTransactionId()));
        if (!pass("GetFlightInfo " + sql, context::isCancelled)) {
            throw CallStatus.CANCELLED.withDescription("cancelled by the client").toRuntimeException();
        }
        return info(sql, descriptor, i -> ticket(FlightSql.TicketStatementQuery.newBuilder()
                .setStatementHandle(ByteString.copyFromUtf8(sql + "\u0000" + i)).build()));
    }

    private FlightInfo info(String sql, FlightDescriptor descriptor, java.util.function.IntFunction<Ticket> tickets) {
        Dataset d = datasets.get(sql);
        if (d == null) {
            throw CallStatus.INTERNAL.withDescription("Failed to extract schema: Failed to prepare statement: "
                    + "Catalog Error: no such table in: " + sql).toRuntimeException();
        }
        List<FlightEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < d.endpoints(); i++) {
            endpoints.add(new FlightEndpoint(tickets.apply(i)));
        }
        return new FlightInfo(d.announced(), descriptor, endpoints, -1, -1);
    }

    private static Ticket ticket(Message command) {
        return new Ticket(Any.pack(command).toByteArray());
    }

    @Override
    public void getStreamStatement(FlightSql.TicketStatementQuery ticket, CallContext context,
                                   ServerStreamListener listener) {
        String handle = ticket.getStatementHandle().toStringUtf8();
        int split = handle.lastIndexOf('\u0000');
        String sql = handle.substring(0, split);
        record("DoGet", context, handle.replace('\u0000', '#'));
        stream(sql, Integer.parseInt(handle.substring(split + 1)), listener);
    }

    private void stream(String sql, int endpoint, ServerStreamListener listener) {
        Dataset d = datasets.get(sql);
        BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
        backpressure.register(listener);
        DictionaryProvider.MapDictionaryProvider dictionaries = d.dictionaries() == null
                ? new DictionaryProvider.MapDictionaryProvider() : d.dictionaries().create(allocator);
        try (VectorSchemaRoot root = VectorSchemaRoot.create(d.schema(), allocator)) {
            listener.start(root, dictionaries);
            for (int b = 0; b < d.batchesPerEndpoint(); b++) {
                if (d.failAfterBatches() >= 0 && batchesSent(sql) >= d.failAfterBatches()) {
                    listener.error(CallStatus.INVALID_ARGUMENT.withDescription("Failed to query arrow").toRuntimeException());
                    return;
                }
                if (!pass("DoGet " + sql + " #" + b, listener::isCancelled)) {
                    cancelledStreams.add(sql);
                    return;
                }
                if (!awaitClient(sql, listener, backpressure)) {
                    return;
                }
                root.allocateNew();
                long first = ((long) endpoint * d.batchesPerEndpoint() + b) * d.rowsPerBatch();
                d.filler().fill(root, first, d.rowsPerBatch());
                root.setRowCount(d.rowsPerBatch());
                // Arrow's DoGet listener hands gRPC a message that holds the batch's buffers; a message put after
                // gRPC saw the cancel is dropped without releasing them (apache/arrow-java#152), and the server's
                // allocator then reports a leak at close. So look at the cancel right before putting, after the fill.
                if (listener.isCancelled()) {
                    cancelledStreams.add(sql);
                    return;
                }
                listener.putNext();
                batchesSent.merge(sql, 1, Integer::sum);
            }
            listener.completed();
        } finally {
            dictionaries.close();
        }
    }

    /** Waits until gRPC can take another message; false when the client cancelled. */
    private boolean awaitClient(String sql, ServerStreamListener listener, BackpressureStrategy backpressure) {
        for (;;) {
            BackpressureStrategy.WaitResult r = backpressure.waitForListener(50);
            switch (r) {
                case READY:
                    return true;
                case CANCELLED:
                    cancelledStreams.add(sql);
                    return false;
                default:
                    if (listener.isCancelled()) {
                        cancelledStreams.add(sql);
                        return false;
                    }
                    stalls.computeIfAbsent(sql, k -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    // ---- updates and ingest

    @Override
    public Runnable acceptPutStatement(FlightSql.CommandStatementUpdate command, CallContext context,
                                       FlightStream flightStream, StreamListener<PutResult> ackStream) {
        String sql = command.getQuery();
        record("CommandStatementUpdate", context, sql + tx(command.getTransactionId()));
        return () -> {
            drain(flightStream);
            if (sql.startsWith("FAIL")) {
                ackStream.onError(CallStatus.INTERNAL.withDescription("Failed to execute query: " + sql)
                        .toRuntimeException());
                return;
            }
            putResult(ackStream, FlightSql.DoPutUpdateResult.newBuilder()
                    .setRecordCount(updateCounts.getOrDefault(sql, 1L)).build());
        };
    }

    private final IngestControl ingestControl = new IngestControl();

    /** Holds, fails and counts the ingest calls. */
    public IngestControl ingestControl() {
        return ingestControl;
    }

    @Override
    public Runnable acceptPutStatementBulkIngest(FlightSql.CommandStatementIngest command, CallContext context,
                                                 FlightStream flightStream, StreamListener<PutResult> ackStream) {
        record("CommandStatementIngest", context, command.getTable() + tx(command.getTransactionId()));
        return () -> {
            ingestControl.opened();
            try {
                ingest(command, context, flightStream, ackStream);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ackStream.onError(CallStatus.INTERNAL.withCause(e).toRuntimeException());
            } catch (RuntimeException e) {
                if (!context.isCancelled()) {
                    throw e;
                }
            } finally {
                ingestControl.closed(context.isCancelled());
            }
        };
    }

    private void ingest(FlightSql.CommandStatementIngest command, CallContext context, FlightStream flightStream,
                        StreamListener<PutResult> ackStream) throws InterruptedException {
        if (command.getTable().equals("refused")) {
            ackStream.onError(CallStatus.ALREADY_EXISTS.withDescription("Table \"memory\".\"main\".\"refused\" "
                    + "already exists").toRuntimeException());
            return;
        }
        List<Integer> rows = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        List<Object> first = new ArrayList<>();
        Schema schema = null;
        while (flightStream.next()) {
            VectorSchemaRoot root = flightStream.getRoot();
            schema = root.getSchema();
            rows.add(root.getRowCount());
            long size = 0;
            for (FieldVector v : root.getFieldVectors()) {
                size += v.getBufferSize();
            }
            bytes.add(size);
            for (int i = 0; i < root.getRowCount(); i++) {
                first.add(root.getVector(0).getObject(i));
            }
        }
        ingestControl.awaitTurn(first.isEmpty() ? null : first.get(0), context::isCancelled);
        if (context.isCancelled()) {
            return; // the client cancelled: nothing is written or answered
        }
        CallStatus failure = ingestControl.failureFor(first);
        if (failure != null) {
            ackStream.onError(failure.toRuntimeException());
            return;
        }
        Ingest ingest = new Ingest(command, rows, bytes, first, schema);
        ingests.add(ingest);
        putResult(ackStream, FlightSql.DoPutUpdateResult.newBuilder().setRecordCount(ingest.rows()).build());
    }

    private static void drain(FlightStream stream) {
        while (stream.next()) {
            // the statement carries no data
        }
    }

    private void putResult(StreamListener<PutResult> ack, Message result) {
        byte[] bytes = result.toByteArray();
        try (ArrowBuf buf = allocator.buffer(bytes.length)) {
            buf.writeBytes(bytes);
            ack.onNext(PutResult.metadata(buf));
        }
        ack.onCompleted();
    }

    private static String tx(ByteString transactionId) {
        return transactionId.isEmpty() ? "" : " tx=" + transactionId.toStringUtf8();
    }

    // ---- prepared statements

    @Override
    public void createPreparedStatement(FlightSql.ActionCreatePreparedStatementRequest request, CallContext context,
                                        StreamListener<Result> listener) {
        String sql = request.getQuery();
        record("CreatePreparedStatement", context, sql);
        UUID id = UUID.randomUUID();
        ByteString handle = ByteString.copyFromUtf8(id.toString());
        prepared.put(handle, new Prepared(sql));
        long parameters = sql.chars().filter(c -> c == '?').count();
        List<Field> parameterFields = new ArrayList<>();
        for (int i = 1; i <= parameters; i++) {
            parameterFields.add(new Field("parameter_" + i, FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
        }
        FlightSql.ActionCreatePreparedStatementResult result = FlightSql.ActionCreatePreparedStatementResult.newBuilder()
                .setPreparedStatementHandle(handle)
                .setDatasetSchema(ipc(preparedSchema(sql)))
                .setParameterSchema(parameters == 0 ? ByteString.EMPTY : ipc(new Schema(parameterFields)))
                .build();
        listener.onNext(new Result(Any.pack(result).toByteArray()));
        listener.onCompleted();
    }

    private Schema preparedSchema(String sql) {
        Dataset d = datasets.get(sql);
        return d != null ? d.schema() : ECHO_SCHEMA;
    }

    /** A prepared statement of an unregistered SQL text returns its bound parameters, one row each. */
    private static final Schema ECHO_SCHEMA = new Schema(List.of(
            new Field("value", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    @Override
    public void closePreparedStatement(FlightSql.ActionClosePreparedStatementRequest request, CallContext context,
                                       StreamListener<Result> listener) {
        Prepared p = prepared.remove(request.getPreparedStatementHandle());
        record("ClosePreparedStatement", context, p == null ? "unknown" : p.sql);
        listener.onCompleted();
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(FlightSql.CommandPreparedStatementQuery command,
                                                    CallContext context, FlightStream flightStream,
                                                    StreamListener<PutResult> ackStream) {
        Prepared p = prepared.get(command.getPreparedStatementHandle());
        return () -> {
            if (p == null) {
                ackStream.onError(CallStatus.NOT_FOUND.withDescription("Prepared statement not found")
                        .toRuntimeException());
                return;
            }
            List<String> values = new ArrayList<>();
            while (flightStream.next()) {
                VectorSchemaRoot root = flightStream.getRoot();
                for (int r = 0; r < root.getRowCount(); r++) {
                    for (FieldVector v : root.getFieldVectors()) {
                        Object o = v.getObject(r);
                        values.add(v.getField().getType().getTypeID() + ":" + o);
                    }
                }
            }
            p.parameters = values;
            record("BindParameters", context, String.join(",", values));
            putResult(ackStream, FlightSql.DoPutPreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(command.getPreparedStatementHandle()).build());
        };
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(FlightSql.CommandPreparedStatementQuery command,
                                                     CallContext context, FlightDescriptor descriptor) {
        Prepared p = prepared.get(command.getPreparedStatementHandle());
        if (p == null) {
            throw CallStatus.INVALID_ARGUMENT.withDescription("Failed to extract prepared statement schema: "
                    + "Statement not found").toRuntimeException();
        }
        Schema schema = preparedSchema(p.sql);
        return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket(command))), -1, -1);
    }

    @Override
    public void getStreamPreparedStatement(FlightSql.CommandPreparedStatementQuery command, CallContext context,
                                           ServerStreamListener listener) {
        Prepared p = prepared.get(command.getPreparedStatementHandle());
        if (p == null) {
            listener.error(CallStatus.NOT_FOUND.withDescription("Prepared statement not found").toRuntimeException());
            return;
        }
        record("DoGetPrepared", context, p.sql);
        if (datasets.containsKey(p.sql)) {
            stream(p.sql, 0, listener);
            return;
        }
        try (VectorSchemaRoot root = VectorSchemaRoot.create(ECHO_SCHEMA, allocator)) {
            listener.start(root);
            VarCharVector v = (VarCharVector) root.getVector(0);
            List<String> values = p.parameters;
            v.allocateNew();
            for (int i = 0; i < values.size(); i++) {
                v.setSafe(i, values.get(i).getBytes(StandardCharsets.UTF_8));
            }
            root.setRowCount(values.size());
            listener.putNext();
            listener.completed();
        }
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(FlightSql.CommandPreparedStatementUpdate command,
                                                     CallContext context, FlightStream flightStream,
                                                     StreamListener<PutResult> ackStream) {
        Prepared p = prepared.get(command.getPreparedStatementHandle());
        record("PreparedUpdate", context, p == null ? "unknown" : p.sql);
        return () -> {
            int rows = 0;
            while (flightStream.next()) {
                rows += flightStream.getRoot().getRowCount();
            }
            putResult(ackStream, FlightSql.DoPutUpdateResult.newBuilder().setRecordCount(rows == 0 ? 1 : rows).build());
        };
    }

    private static ByteString ipc(Schema schema) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
            return ByteString.copyFrom(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- transactions

    @Override
    public void beginTransaction(FlightSql.ActionBeginTransactionRequest request, CallContext context,
                                 StreamListener<FlightSql.ActionBeginTransactionResult> listener) {
        String id = "tx-" + transactions.incrementAndGet();
        record("BeginTransaction", context, id);
        if (!pass("BeginTransaction", context::isCancelled)) {
            listener.onError(CallStatus.CANCELLED.withDescription("cancelled by the client").toRuntimeException());
            return;
        }
        listener.onNext(FlightSql.ActionBeginTransactionResult.newBuilder()
                .setTransactionId(ByteString.copyFromUtf8(id)).build());
        listener.onCompleted();
    }

    @Override
    public void endTransaction(FlightSql.ActionEndTransactionRequest request, CallContext context,
                               StreamListener<Result> listener) {
        record("EndTransaction", context, request.getAction() + " " + request.getTransactionId().toStringUtf8());
        listener.onCompleted();
    }

    // ---- session options and cancel

    @Override
    public void setSessionOptions(SetSessionOptionsRequest request, CallContext context,
                                  StreamListener<SetSessionOptionsResult> listener) {
        Map<String, SetSessionOptionsResult.Error> errors = new LinkedHashMap<>();
        StringBuilder detail = new StringBuilder();
        request.getSessionOptions().forEach((key, value) -> {
            String text = value.acceptVisitor(new StringOnly());
            detail.append(key).append('=').append(text).append(';');
            if (!List.of("catalog", "schema", "compute_size").contains(key)) {
                errors.put(key, new SetSessionOptionsResult.Error(SetSessionOptionsResult.ErrorValue.INVALID_NAME));
            } else if (text == null || key.equals("catalog") && text.equals("nowhere")) {
                errors.put(key, new SetSessionOptionsResult.Error(SetSessionOptionsResult.ErrorValue.INVALID_VALUE));
            }
        });
        record("SetSessionOptions", context, detail.toString());
        listener.onNext(new SetSessionOptionsResult(errors));
        listener.onCompleted();
    }

    /** Accepts only string values, as the Altertable server does. */
    private static final class StringOnly implements SessionOptionValueVisitor<String> {
        @Override
        public String visit(String value) {
            return value;
        }

        @Override
        public String visit(boolean value) {
            return null;
        }

        @Override
        public String visit(long value) {
            return null;
        }

        @Override
        public String visit(double value) {
            return null;
        }

        @Override
        public String visit(String[] value) {
            return null;
        }

        @Override
        public String visit(Void value) {
            return null;
        }
    }

    @Override
    public void cancelFlightInfo(CancelFlightInfoRequest request, CallContext context,
                                 StreamListener<CancelStatus> listener) {
        record("CancelFlightInfo", context, "");
        listener.onError(CallStatus.UNIMPLEMENTED.withDescription("Action 'CancelFlightInfo' is not supported")
                .toRuntimeException());
    }

    @Override
    @SuppressWarnings("deprecation")
    public void cancelQuery(FlightInfo info, CallContext context, StreamListener<CancelResult> listener) {
        record("CancelQuery", context, "");
        listener.onNext(CancelResult.NOT_CANCELLABLE);
        listener.onCompleted();
    }

    // ---- metadata

    @Override
    public FlightInfo getFlightInfoCatalogs(FlightSql.CommandGetCatalogs request, CallContext context,
                                            FlightDescriptor descriptor) {
        return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_CATALOGS_SCHEMA);
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        strings(listener, FlightSqlProducer.Schemas.GET_CATALOGS_SCHEMA, List.of(List.of("temp", "memory", "system")));
    }

    @Override
    public FlightInfo getFlightInfoSchemas(FlightSql.CommandGetDbSchemas request, CallContext context,
                                           FlightDescriptor descriptor) {
        return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_SCHEMAS_SCHEMA);
    }

    @Override
    public void getStreamSchemas(FlightSql.CommandGetDbSchemas command, CallContext context,
                                 ServerStreamListener listener) {
        List<String> catalogs = new ArrayList<>(List.of("system", "memory", "temp", "system"));
        List<String> schemas = new ArrayList<>(List.of("main", "main", "main", "information_schema"));
        if (command.hasCatalog()) {
            for (int i = catalogs.size() - 1; i >= 0; i--) {
                if (!catalogs.get(i).equals(command.getCatalog())) {
                    catalogs.remove(i);
                    schemas.remove(i);
                }
            }
        }
        strings(listener, FlightSqlProducer.Schemas.GET_SCHEMAS_SCHEMA, List.of(catalogs, schemas));
    }

    @Override
    public FlightInfo getFlightInfoTables(FlightSql.CommandGetTables request, CallContext context,
                                          FlightDescriptor descriptor) {
        return metadataInfo(request, descriptor, request.getIncludeSchema()
                ? FlightSqlProducer.Schemas.GET_TABLES_SCHEMA : FlightSqlProducer.Schemas.GET_TABLES_SCHEMA_NO_SCHEMA);
    }

    @Override
    public void getStreamTables(FlightSql.CommandGetTables command, CallContext context,
                                ServerStreamListener listener) {
        Schema schema = command.getIncludeSchema() ? FlightSqlProducer.Schemas.GET_TABLES_SCHEMA
                : FlightSqlProducer.Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            listener.start(root);
            String[][] rows = {{"memory", "main", "events", "BASE TABLE"}, {"memory", "main", "users", "VIEW"}};
            int n = 0;
            for (String[] row : rows) {
                if (!command.getTableTypesList().isEmpty() && !command.getTableTypesList().contains(row[3])) {
                    continue;
                }
                for (int c = 0; c < 4; c++) {
                    ((VarCharVector) root.getVector(c)).setSafe(n, row[c].getBytes(StandardCharsets.UTF_8));
                }
                if (command.getIncludeSchema()) {
                    ((org.apache.arrow.vector.VarBinaryVector) root.getVector(4)).setSafe(n,
                            ipc(Dataset.counting(1, 1, 1).schema()).toByteArray());
                }
                n++;
            }
            root.setRowCount(n);
            listener.putNext();
            listener.completed();
        }
    }

    @Override
    public FlightInfo getFlightInfoTableTypes(FlightSql.CommandGetTableTypes request, CallContext context,
                                              FlightDescriptor descriptor) {
        return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_TABLE_TYPES_SCHEMA);
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        strings(listener, FlightSqlProducer.Schemas.GET_TABLE_TYPES_SCHEMA, List.of(List.of("BASE TABLE", "VIEW")));
    }

    @Override
    public FlightInfo getFlightInfoSqlInfo(FlightSql.CommandGetSqlInfo request, CallContext context,
                                           FlightDescriptor descriptor) {
        return metadataInfo(request, descriptor, FlightSqlProducer.Schemas.GET_SQL_INFO_SCHEMA);
    }

    @Override
    public void getStreamSqlInfo(FlightSql.CommandGetSqlInfo command, CallContext context,
                                 ServerStreamListener listener) {
        sqlInfo.send(command.getInfoList(), listener);
    }

    private FlightInfo metadataInfo(Message command, FlightDescriptor descriptor, Schema schema) {
        return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket(command))), -1, -1);
    }

    private void strings(ServerStreamListener listener, Schema schema, List<List<String>> columns) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            listener.start(root);
            int rows = columns.get(0).size();
            for (int c = 0; c < columns.size(); c++) {
                VarCharVector v = (VarCharVector) root.getVector(c);
                for (int r = 0; r < rows; r++) {
                    v.setSafe(r, columns.get(c).get(r).getBytes(StandardCharsets.UTF_8));
                }
            }
            root.setRowCount(rows);
            listener.putNext();
            listener.completed();
        }
    }
}
