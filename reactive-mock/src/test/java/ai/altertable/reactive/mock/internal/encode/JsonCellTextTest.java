package ai.altertable.reactive.mock.internal.encode;

import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON cells re-parsed with serde_json's rules: sorted keys, normalized numbers, invalid text as a plain string. */
class JsonCellTextTest {

    private final JsonCellText json = new JsonCellText(new JsonNumberWriter());

    @Test
    void objectsAreSortedRecursivelyAndCompacted() throws IOException {
        assertThat(cell(" { \"b\" : 1 ,\n \"a\" : [ 2 , { \"z\" : null, \"y\" : true } ] } "))
                .isEqualTo("{\"a\":[2,{\"y\":true,\"z\":null}],\"b\":1}");
    }

    @Test
    void lastDuplicateKeyWins() throws IOException {
        assertThat(cell("{\"a\":1,\"b\":0,\"a\":2}")).isEqualTo("{\"a\":2,\"b\":0}");
    }

    @Test
    void keysInCodePointOrder() throws IOException {
        // U+1F600 sorts after U+FF5E by code point, before it by UTF-16 unit
        assertThat(cell("{\"😀\":1,\"～\":2,\"B\":3,\"a\":4}")).isEqualTo("{\"B\":3,\"a\":4,\"～\":2,\"😀\":1}");
    }

    @Test
    void numbersAsSerdeJsonWritesThem() throws IOException {
        assertThat(cell("[1.0, 1.50, 1e2, -0, 18446744073709551615, 18446744073709551616]"))
                .isEqualTo("[1.0,1.5,100.0,-0.0,18446744073709551615,1.8446744073709552e19]");
    }

    @Test
    void scalarsAtTheRoot() throws IOException {
        assertThat(cell("\"s\"")).isEqualTo("\"s\"");
        assertThat(cell(" 42 ")).isEqualTo("42");
        assertThat(cell("null")).isEqualTo("null");
        assertThat(cell("\"\\u00e9\\ud83d\\ude00\"")).isEqualTo("\"é😀\"");
    }

    @Test
    void textSerdeRejectsBecomesAString() throws IOException {
        assertThat(cell("NaN")).isEqualTo("\"NaN\"");
        assertThat(cell("[1,]")).isEqualTo("\"[1,]\"");
        assertThat(cell("[1e400]")).isEqualTo("\"[1e400]\"");
        assertThat(cell("1 2")).isEqualTo("\"1 2\"");
        assertThat(cell("\"\\ud800\"")).isEqualTo("\"\\\"\\\\ud800\\\"\"");
        assertThat(cell("")).isEqualTo("\"\"");
    }

    @Test
    void nestingLimitIs127Levels() throws IOException {
        String ok = "[".repeat(127) + "]".repeat(127);
        String tooDeep = "[".repeat(128) + "]".repeat(128);

        assertThat(cell(ok)).isEqualTo(ok);
        assertThat(cell(tooDeep)).isEqualTo("\"" + tooDeep + "\"");
    }

    private String cell(String text) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = RowJsonFactory.get().createGenerator(out)) {
            json.write(text, g);
        }
        return out.toString();
    }
}
