package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wire enums: exact wire strings, lenient decoding to UNKNOWN with any mapper, strict parsers. */
class WireEnumsTest {

    static Stream<Arguments> wireStrings() {
        return Stream.of(
                Arguments.of(QueryFormat.DEFAULT, "default"),
                Arguments.of(QueryFormat.CSV, "csv"),
                Arguments.of(QueryFormat.JSONL, "jsonl"),
                Arguments.of(QueryFormat.PARQUET, "parquet"),
                Arguments.of(ComputeSize.XS, "XS"),
                Arguments.of(ComputeSize.S, "S"),
                Arguments.of(ComputeSize.M, "M"),
                Arguments.of(ComputeSize.L, "L"),
                Arguments.of(ComputeSize.XL, "XL"),
                Arguments.of(ComputeSize.XXL, "2XL"),
                Arguments.of(ComputeSize.XXXL, "3XL"),
                Arguments.of(ComputeSize.XXXXL, "4XL"),
                Arguments.of(ComputeSize.AUTO, "AUTO"),
                Arguments.of(ClientInterface.ARROW_FLIGHT_SQL, "ArrowFlightSQL"),
                Arguments.of(ClientInterface.HTTP_QUERY, "HttpQuery"),
                Arguments.of(ClientInterface.HTTP_CANCEL, "HttpCancel"),
                Arguments.of(ClientInterface.HTTP_VALIDATE, "HttpValidate"),
                Arguments.of(ClientInterface.HTTP_EXPLAIN, "HttpExplain"),
                Arguments.of(ClientInterface.HTTP_AUTOCOMPLETE, "HttpAutocomplete"),
                Arguments.of(ClientInterface.POSTGRES, "Postgres"),
                Arguments.of(AppendErrorCode.INVALID_DATA, "invalid-data"),
                Arguments.of(AppendErrorCode.INCOMPATIBLE_SCHEMA, "incompatible-schema"),
                Arguments.of(TaskState.PENDING, "pending"),
                Arguments.of(TaskState.COMPLETED, "completed"),
                Arguments.of(TaskState.FAILED, "failed"),
                Arguments.of(UploadMode.CREATE, "create"),
                Arguments.of(UploadMode.APPEND, "append"),
                Arguments.of(UploadMode.CREATE_APPEND, "create_append"),
                Arguments.of(UploadMode.OVERWRITE, "overwrite"));
    }

    @ParameterizedTest
    @MethodSource("wireStrings")
    void knownConstantsUseTheProtocolsWireString(Enum<?> constant, String wire) throws Exception {
        String json = "\"" + wire + "\"";
        assertThat(Wire.write(constant)).isEqualTo(json);
        assertThat(Wire.read(json, constant.getDeclaringClass())).isSameAs(constant);
        assertThat(new ObjectMapper().readValue(json, constant.getDeclaringClass())).isSameAs(constant);
    }

    static Stream<Class<? extends Enum<?>>> wireEnums() {
        return Stream.of(QueryFormat.class, ComputeSize.class, ClientInterface.class, AppendErrorCode.class,
                TaskState.class, UploadMode.class);
    }

    @ParameterizedTest
    @MethodSource("wireEnums")
    void unknownStringsDecodeToUnknownWithAnyMapper(Class<? extends Enum<?>> type) throws Exception {
        Object unknown = Enum.valueOf(type.asSubclass(Enum.class), "UNKNOWN");
        assertThat(Wire.read("\"something-new\"", type)).isSameAs(unknown);
        assertThat(new ObjectMapper().readValue("\"something-new\"", type)).isSameAs(unknown);
        assertThat(Wire.read("42", type)).isSameAs(unknown);
        // and UNKNOWN reads back as itself
        assertThat(Wire.read(Wire.write(unknown), type)).isSameAs(unknown);
    }

    @Test
    void explicitNullStaysNull() {
        record Holder(AppendErrorCode code) {
        }
        assertThat(Wire.read("{\"code\":null}", Holder.class).code()).isNull();
        assertThat(AppendErrorCode.fromWire(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"json", "CSV", "Default", "' csv'"})
    void queryFormatIsCaseSensitiveLikeTheMock(String value) {
        assertThat(QueryFormat.fromWire(value)).isEqualTo(QueryFormat.UNKNOWN);
    }

    @Test
    void emptyQueryFormatIsDefault() {
        assertThat(QueryFormat.fromWire("")).isEqualTo(QueryFormat.DEFAULT);
        assertThat(QueryFormat.CSV.contentType()).isEqualTo("text/csv");
        assertThat(QueryFormat.DEFAULT.contentType()).isEqualTo("application/x-ndjson");
    }

    @ParameterizedTest
    @CsvSource({"xs,XS", "Xl,XL", "2xl,XXL", "XXL,XXL", "3XL,XXXL", "xxxl,XXXL", "4xl,XXXXL", "XXXXL,XXXXL",
            "auto,AUTO"})
    void computeSizeParsesNamesAndAliasesCaseInsensitively(String in, ComputeSize expected) {
        assertThat(ComputeSize.parse(in)).isEqualTo(expected);
        assertThat(ComputeSize.fromWire(in)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5XL", "", " XL", "UNKNOWN", "unknown", "large"})
    void computeSizeParseIsStrict_fromWireIsLenient(String in) {
        assertThatThrownBy(() -> ComputeSize.parse(in))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown compute size '" + in + "'");
        assertThat(ComputeSize.fromWire(in)).isEqualTo(ComputeSize.UNKNOWN);
    }

    @Test
    void computeSizeParseRejectsNull() {
        assertThatThrownBy(() -> ComputeSize.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyXsToXlAreInTheRestSpec() {
        assertThat(Stream.of(ComputeSize.values()).filter(ComputeSize::inRestSpec))
                .containsExactly(ComputeSize.XS, ComputeSize.S, ComputeSize.M, ComputeSize.L, ComputeSize.XL);
    }

    @Test
    void uploadModeParseIsStrictAndCaseSensitive() {
        assertThat(UploadMode.parse("create_append")).isEqualTo(UploadMode.CREATE_APPEND);
        assertThatThrownBy(() -> UploadMode.parse("upsert"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown variant `upsert`, expected one of `create`, `append`, `create_append`, `overwrite`");
        assertThatThrownBy(() -> UploadMode.parse("APPEND")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UploadMode.parse("unknown")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UploadMode.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyCompletedAndFailedTasksAreTerminal() {
        assertThat(Stream.of(TaskState.values()).filter(TaskState::isTerminal))
                .containsExactly(TaskState.COMPLETED, TaskState.FAILED);
    }
}
