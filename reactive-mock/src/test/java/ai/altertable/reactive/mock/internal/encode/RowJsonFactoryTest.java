package ai.altertable.reactive.mock.internal.encode;

import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RowJsonFactoryTest {

    @Test
    void escapesStringsAsSerdeJsonDoes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = RowJsonFactory.get().createGenerator(out)) {
            g.writeString("\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028é😀");
            g.writeRaw('\n');
            g.writeNumber(1);
        }

        assertThat(out.toByteArray()).isEqualTo(
                "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028é😀\"\n1".getBytes(StandardCharsets.UTF_8));
    }
}
