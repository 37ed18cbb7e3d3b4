package ai.altertable.reactive.flight.internal;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns dictionary-encoded columns (DuckDB exports ENUMs that way; the Altertable server currently hydrates them) into
 * plain columns, so that every batch this client hands out is self-contained.
 */
final class Dictionaries {

    private Dictionaries() {
    }

    /**
     * {@code root} itself when no column is dictionary-encoded; otherwise a new root (the caller closes it) with the
     * encoded columns decoded and the others transferred out of {@code root} without copying.
     */
    static VectorSchemaRoot decoded(VectorSchemaRoot root, DictionaryProvider dictionaries) {
        boolean encoded = false;
        for (Field f : root.getSchema().getFields()) {
            encoded |= f.getDictionary() != null;
        }
        if (!encoded) {
            return root;
        }
        List<FieldVector> out = new ArrayList<>();
        try {
            for (FieldVector v : root.getFieldVectors()) {
                if (v.getField().getDictionary() != null) {
                    Dictionary dictionary = dictionaries.lookup(v.getField().getDictionary().getId());
                    if (dictionary == null) {
                        throw new IllegalStateException("no dictionary " + v.getField().getDictionary().getId()
                                + " for column " + v.getName());
                    }
                    try (ValueVector values = DictionaryEncoder.decode(v, dictionary)) {
                        // the decoded vector is named after the dictionary ("DICT0"): give it the column's name
                        TransferPair renamed = values.getTransferPair(v.getName(), v.getAllocator());
                        renamed.transfer();
                        out.add((FieldVector) renamed.getTo());
                    }
                } else {
                    TransferPair tp = v.getTransferPair(v.getAllocator());
                    tp.transfer();
                    out.add((FieldVector) tp.getTo());
                }
            }
        } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(out.stream().map(FieldVector::getField).toList(), out, root.getRowCount());
    }
}
