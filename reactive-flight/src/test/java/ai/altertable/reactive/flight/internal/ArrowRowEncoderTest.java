package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.flight.ArrowRowEncoder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record's values are read through its accessors, resolved once per record class, non-public records of another
 * package than the encoder's included.
 */
class ArrowRowEncoderTest {

    private enum Level { LOW }

    /** Private, nested, with a primitive of each width and nullable references. */
    private record Hidden(long a, int b, short c, byte d, double e, float f, boolean g, String h, UUID i, Level j,
                          Instant k, Long l) {
    }

    private record Failing(long id) {
        @Override
        public long id() {
            throw new IllegalStateException("no id today");
        }
    }

    record Unmapped(Map<String, String> tags) {
    }

    @Test
    void aPrivateRecordsValues_areItsComponents_inDeclarationOrder() {
        ArrowRowEncoder<Hidden> encoder = ArrowRowEncoder.forRecord(Hidden.class);
        UUID uuid = UUID.randomUUID();
        Hidden row = new Hidden(1L, 2, (short) 3, (byte) 4, 5.5, 6.5f, true, "h", uuid, Level.LOW, Instant.EPOCH, null);

        assertThat(encoder.values(row)).isEqualTo(Arrays.asList(1L, 2, (short) 3, (byte) 4, 5.5, 6.5f, true, "h", uuid,
                Level.LOW, Instant.EPOCH, null));
        assertThat(encoder.schema().getFields()).extracting(f -> f.getName())
                .containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
        List<?> again = encoder.values(new Hidden(-1L, 0, (short) 0, (byte) 0, 0, 0, false, null, null, null, null, 7L));
        assertThat(again).isEqualTo(Arrays.asList(-1L, 0, (short) 0, (byte) 0, 0.0, 0.0f, false, null, null, null,
                null, 7L));
    }

    @Test
    void anAccessorThatThrows_failsTheRowNamingTheComponent_withWhatItThrew() {
        ArrowRowEncoder<Failing> encoder = ArrowRowEncoder.forRecord(Failing.class);
        assertThatThrownBy(() -> encoder.values(new Failing(1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot read Failing.id")
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("no id today");
    }

    @Test
    void aComponentTypeWithoutMapping_isAConfigurationError() {
        assertThatThrownBy(() -> ArrowRowEncoder.forRecord(Unmapped.class))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Unmapped.tags");
    }
}
