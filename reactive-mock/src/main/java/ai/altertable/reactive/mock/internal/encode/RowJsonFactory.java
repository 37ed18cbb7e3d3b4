package ai.altertable.reactive.mock.internal.encode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/**
 * The Jackson factory whose generators write strings byte for byte as serde_json does, which the official mock uses
 * for every line it sends: control characters other than {@code \b \f \n \r \t} as &#92;u00XX with lowercase hex
 * (Jackson defaults to uppercase), characters outside the Basic Multilingual Plane as raw 4-byte UTF-8 (Jackson's
 * UTF-8 generator defaults to escaping them as surrogate pairs), {@code /} and U+2028/U+2029 unescaped, and no
 * separator between root-level values (write {@code '\n'} yourself after each line).
 *
 * <p>The factory is immutable and thread-safe; each generator it creates is used by one thread.
 */
public final class RowJsonFactory {

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .rootValueSeparator((String) null)
            .build();

    private RowJsonFactory() {
    }

    /** The shared factory; create one generator per response over the response's output. */
    public static JsonFactory get() {
        return FACTORY;
    }
}
