package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces dictionary-encoded columns by their values, at any depth ({@code ENUM}, {@code ENUM[]},
 * {@code STRUCT(e ENUM)}). DuckDB exports an {@code ENUM} as a dictionary; the official mock's arrow-rs encoder
 * hydrates dictionaries, so its DoGet streams plain {@code Utf8} (protocol §13.2), and so does this mock. Ingest uses
 * the same decoding for uploads that carry dictionaries (§10.3: a dictionary column has its value type).
 */
final class DictionaryHydration {

    private DictionaryHydration() {
    }

    /** {@code schema} with every dictionary-encoded field replaced by a plain field of the dictionary's value type. */
    static Schema decoded(Schema schema, DictionaryProvider dictionaries) {
        List<Field> fields = new ArrayList<>();
        for (Field f : schema.getFields()) {
            fields.add(decoded(f, dictionaries));
        }
        return new Schema(fields, schema.getCustomMetadata());
    }

    /**
     * A new root with {@code source}'s rows, dictionaries decoded; the buffers of the other columns are transferred
     * (so {@code source} is left empty, ready to be loaded again). The caller closes the new root.
     */
    static VectorSchemaRoot decode(VectorSchemaRoot source, DictionaryProvider dictionaries, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (FieldVector v : source.getFieldVectors()) {
                vectors.add(decode(v, dictionaries, allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot out = new VectorSchemaRoot(vectors);
        out.setRowCount(source.getRowCount());
        return out;
    }

    private static Field decoded(Field field, DictionaryProvider dictionaries) {
        DictionaryEncoding encoding = field.getDictionary();
        if (encoding != null) {
            Field values = dictionaries.lookup(encoding.getId()).getVector().getField();
            return new Field(field.getName(),
                    new FieldType(field.isNullable(), values.getType(), null, field.getMetadata()),
                    values.getChildren());
        }
        List<Field> children = new ArrayList<>();
        for (Field child : field.getChildren()) {
            children.add(decoded(child, dictionaries));
        }
        return new Field(field.getName(), field.getFieldType(), children);
    }

    private static boolean encodedWithin(Field field) {
        return field.getDictionary() != null
                || field.getChildren().stream().anyMatch(DictionaryHydration::encodedWithin);
    }

    private static FieldVector decode(FieldVector vector, DictionaryProvider dictionaries, BufferAllocator allocator) {
        Field field = vector.getField();
        DictionaryEncoding encoding = field.getDictionary();
        if (encoding != null) {
            Dictionary dictionary = dictionaries.lookup(encoding.getId());
            return (FieldVector) DictionaryEncoder.decode(vector, dictionary, allocator);
        }
        FieldVector out = decoded(field, dictionaries).createVector(allocator);
        if (!encodedWithin(field)) {
            vector.makeTransferPair(out).transfer();
            return out;
        }
        // a container (list, struct, map) with an encoded descendant: its own buffers as they are, children decoded
        try {
            out.loadFieldBuffers(new ArrowFieldNode(vector.getValueCount(), vector.getNullCount()),
                    vector.getFieldBuffers());
            List<FieldVector> sourceChildren = vector.getChildrenFromFields();
            List<FieldVector> targetChildren = out.getChildrenFromFields();
            for (int i = 0; i < sourceChildren.size(); i++) {
                try (FieldVector child = decode(sourceChildren.get(i), dictionaries, allocator)) {
                    child.makeTransferPair(targetChildren.get(i)).transfer();
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }
}
