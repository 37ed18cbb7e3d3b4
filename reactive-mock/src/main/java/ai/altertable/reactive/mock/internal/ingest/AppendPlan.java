package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.core.row.DuckDbType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps appended objects onto a table's columns and splits them into as few {@link InsertGroup}s as correctness allows.
 *
 * <p>Keys match column names case-insensitively, as DuckDB identifiers do. Keys that are no column make the whole
 * append {@code incompatible-schema}, naming them all; so does a value whose JSON shape cannot be of its column's type
 * ({@link TypeConflicts}), naming the first. An empty object, or one naming a column twice (say {@code id} and
 * {@code ID}), makes it {@code invalid-data}. Nothing is written in any of these cases; they are checked in that order,
 * so the code of a batch with several problems is the first that applies.
 *
 * <p>The official mock inserts each object with a column list of its own keys, so a column an object leaves out gets
 * its {@code DEFAULT}, while a key given as {@code null} stores NULL. For a column without a default both mean NULL, so
 * every group lists all the default-less columns any object names (filled with explicit nulls where an object leaves
 * them out), and objects only need separate statements when they differ in <em>which defaulted columns</em> they name.
 * Objects are grouped by that set, groups in order of first appearance, array order kept within a group. A homogeneous
 * array is one statement, and the number of statements stays bounded by the shapes rather than the objects (grouping
 * consecutive runs instead would keep array order across shapes, but measured 5.7 s for 10,000 objects alternating
 * between two shapes). The one visible difference from the official mock: when objects of different shapes are mixed,
 * rows of a later shape are inserted after all rows of an earlier one, so a sequence default numbers them in that
 * order.
 */
final class AppendPlan {

    private final List<InsertGroup> groups;
    private final AppendOutcome failure;

    private AppendPlan(List<InsertGroup> groups, AppendOutcome failure) {
        this.groups = groups;
        this.failure = failure;
    }

    /** Plans the insertion of {@code rows} (at least one) into {@code table} with {@code columns}. */
    static AppendPlan of(TableName table, List<TableColumn> columns, List<ObjectNode> rows) {
        Map<String, Integer> indexByName = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            indexByName.putIfAbsent(fold(columns.get(i).name()), i);
        }
        List<DuckDbType> types = columns.stream().map(column -> DuckDbType.parse(column.type()))
                .collect(Collectors.toList());
        Set<String> unknown = new LinkedHashSet<>();
        String conflict = null;
        String invalid = null;
        List<ObjectNode> canonicalRows = new ArrayList<>(rows.size());
        List<BitSet> namedByRow = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            ObjectNode canonical = JsonNodeFactory.instance.objectNode();
            BitSet named = new BitSet(columns.size());
            String problem = canonicalize(rows.get(r), columns, indexByName, canonical, named, unknown);
            if (problem != null && invalid == null) {
                invalid = "object at index " + r + " " + problem;
            }
            if (conflict == null && unknown.isEmpty()) {
                conflict = conflict(columns, types, canonical, named, r);
            }
            canonicalRows.add(canonical);
            namedByRow.add(named);
        }
        if (!unknown.isEmpty()) {
            return failed(AppendOutcome.incompatibleSchema("table " + table.sql() + " has no column named "
                    + unknown.stream().map(SqlQuoting::identifier).collect(Collectors.joining(", "))));
        }
        if (conflict != null) {
            return failed(AppendOutcome.incompatibleSchema(conflict));
        }
        if (invalid != null) {
            return failed(AppendOutcome.invalidData(invalid));
        }
        return new AppendPlan(groupByShape(columns, canonicalRows, namedByRow), null);
    }

    /** The reason nothing may be written, if any. */
    Optional<AppendOutcome> failure() {
        return Optional.ofNullable(failure);
    }

    /** The inserts to run, in order, in one transaction; empty when {@link #failure()} is present. */
    List<InsertGroup> groups() {
        return groups;
    }

    private static AppendPlan failed(AppendOutcome failure) {
        return new AppendPlan(List.of(), failure);
    }

    /** The first type conflict of a canonical row, as {@code object at index r: <conflict>}, or null. */
    private static String conflict(List<TableColumn> columns, List<DuckDbType> types, ObjectNode canonical,
                                   BitSet named, int r) {
        for (int i = named.nextSetBit(0); i >= 0; i = named.nextSetBit(i + 1)) {
            String name = columns.get(i).name();
            String found = TypeConflicts.find(SqlQuoting.identifier(name), types.get(i), canonical.get(name));
            if (found != null) {
                return "object at index " + r + ": " + found;
            }
        }
        return null;
    }

    /** Copies {@code row} into {@code canonical} under table column names; returns a problem, or null. */
    private static String canonicalize(ObjectNode row, List<TableColumn> columns, Map<String, Integer> indexByName,
                                       ObjectNode canonical, BitSet named, Set<String> unknown) {
        if (row.isEmpty()) {
            return "has no keys";
        }
        String problem = null;
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            Integer index = indexByName.get(fold(field.getKey()));
            if (index == null) {
                unknown.add(field.getKey());
            } else if (named.get(index)) {
                problem = "names column " + SqlQuoting.identifier(columns.get(index).name()) + " more than once";
            } else {
                named.set(index);
                canonical.set(columns.get(index).name(), field.getValue());
            }
        }
        return problem;
    }

    /** Rows grouped by the defaulted columns they name, each group listing every default-less column named. */
    private static List<InsertGroup> groupByShape(List<TableColumn> columns, List<ObjectNode> rows,
                                                  List<BitSet> namedByRow) {
        BitSet withDefault = new BitSet(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            withDefault.set(i, columns.get(i).hasDefault());
        }
        BitSet namedWithoutDefault = new BitSet(columns.size());
        namedByRow.forEach(namedWithoutDefault::or);
        namedWithoutDefault.andNot(withDefault);
        Map<BitSet, List<ObjectNode>> rowsByColumns = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            BitSet listed = (BitSet) namedByRow.get(r).clone();
            listed.and(withDefault);
            listed.or(namedWithoutDefault);
            rowsByColumns.computeIfAbsent(listed, key -> new ArrayList<>()).add(rows.get(r));
        }
        List<InsertGroup> groups = new ArrayList<>(rowsByColumns.size());
        rowsByColumns.forEach((listed, groupRows) -> groups.add(group(columns, listed, groupRows)));
        return groups;
    }

    /** A group over {@code listed} columns; rows get an explicit null for each listed column they leave out. */
    private static InsertGroup group(List<TableColumn> columns, BitSet listed, List<ObjectNode> rows) {
        List<TableColumn> groupColumns = listed.stream().mapToObj(columns::get).collect(Collectors.toList());
        for (ObjectNode row : rows) {
            groupColumns.stream().map(TableColumn::name).filter(name -> !row.has(name)).forEach(row::putNull);
        }
        return new InsertGroup(groupColumns, rows);
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
