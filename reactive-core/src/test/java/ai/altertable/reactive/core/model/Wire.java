package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wire assertions for the model tests: bytes are compared exactly, and every write is repeated with mappers configured
 * against us (plain, nulls dropped globally, alphabetical order, another naming strategy) to prove the models' own
 * annotations decide the shape.
 */
final class Wire {

    static final ObjectMapper MAPPER = AltertableJson.mapper();

    /** Mappers a user might hand us; the models must write the same bytes through each. */
    static final List<ObjectMapper> HOSTILE_MAPPERS = List.of(
            new ObjectMapper(),
            JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build(),
            JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build(),
            JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE).build());

    private Wire() {
    }

    /** The UTF-8 bytes {@link AltertableJson#mapper()} writes, as a string. */
    static String write(Object value) {
        return write(MAPPER, value);
    }

    static String write(ObjectMapper mapper, Object value) {
        try {
            return new String(mapper.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json.getBytes(StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the exact bytes, through the protocol mapper and through every hostile mapper. */
    static void assertWrites(Object value, String expected) {
        assertThat(write(value)).as("protocol mapper").isEqualTo(expected);
        for (ObjectMapper m : HOSTILE_MAPPERS) {
            assertThat(write(m, value)).as("mapper %s", describe(m)).isEqualTo(expected);
        }
    }

    /** Reads {@code json}, asserts writing it back gives the same bytes, and returns the value. */
    static <T> T assertRoundTrip(String json, Class<T> type) {
        T value = read(json, type);
        assertWrites(value, json);
        assertThat(read(write(value), type)).isEqualTo(value);
        return value;
    }

    private static String describe(ObjectMapper m) {
        return m.getSerializationConfig().getDefaultPropertyInclusion() + "/"
                + m.isEnabled(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY) + "/"
                + m.getSerializationConfig().getPropertyNamingStrategy();
    }
}
