package ai.altertable.reactive.core.row.internal;

import ai.altertable.reactive.core.row.Interval;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Moves values between Jackson trees and the row model: a tree node to a raw JSON cell, a row value to a tree node, and
 * a tree to plain Java lists and maps. Numbers never pass through {@code double} unless they were doubles already.
 * Stateless; the shared {@link #mapper()} is thread-safe.
 */
public final class JsonValues {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonValues() {
    }

    /**
     * The shared mapper: floats read as {@link BigDecimal} with their trailing zeros, big integers as
     * {@link BigInteger}, {@code java.time} written as ISO text. Do not reconfigure it.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A tree node as a raw JSON cell: {@code null}, {@link Boolean}, {@link Long}, {@link BigInteger} (beyond 64 bits),
     * {@link BigDecimal}, {@link String}, or the node itself for arrays and objects.
     */
    public static Object rawCell(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isContainerNode()) {
            return node;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return decimal(node);
        }
        if (node.isBinary()) {
            return Hex.encode(((com.fasterxml.jackson.databind.node.BinaryNode) node).binaryValue());
        }
        if (node.isPojo()) {
            return ((POJONode) node).getPojo();
        }
        return node.asText();
    }

    private static Object decimal(JsonNode node) {
        if (node instanceof DoubleNode || node instanceof FloatNode) {
            double d = node.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return d; // only a tree built in code can hold these; JSON text cannot
            }
            return node instanceof FloatNode
                    ? new BigDecimal(Float.toString(node.floatValue())) : BigDecimal.valueOf(d);
        }
        return node.decimalValue();
    }

    /**
     * A tree node as plain Java: arrays become unmodifiable lists, objects unmodifiable insertion-ordered maps, and
     * scalars their {@link #rawCell(JsonNode) raw cell} value.
     */
    public static Object natural(JsonNode node) {
        if (node != null && node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(natural(element));
            }
            return Collections.unmodifiableList(list);
        }
        if (node != null && node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), natural(e.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        return rawCell(node);
    }

    /**
     * Any row value as a tree node: numbers keep their exact value, binary becomes hex text, {@code java.time} values and
     * {@link Interval}s their DuckDB text, lists and maps recurse; other objects go through {@link #mapper()}.
     *
     * @throws ConversionFailure if the mapper cannot represent the value
     */
    public static JsonNode toNode(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode) {
            return (JsonNode) value;
        }
        if (value instanceof String) {
            return TextNode.valueOf((String) value);
        }
        if (value instanceof Boolean) {
            return BooleanNode.valueOf((Boolean) value);
        }
        if (value instanceof Number) {
            return number((Number) value);
        }
        if (value instanceof byte[]) {
            return TextNode.valueOf(Hex.encode((byte[]) value));
        }
        if (value instanceof TemporalAccessor) {
            return TextNode.valueOf(TemporalText.format((TemporalAccessor) value));
        }
        if (value instanceof Interval || value instanceof UUID) {
            return TextNode.valueOf(value.toString());
        }
        if (value instanceof Iterable || value instanceof Map) {
            return container(value);
        }
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new ConversionFailure("cannot represent " + value.getClass().getTypeName() + " as JSON", e);
        }
    }

    private static JsonNode container(Object value) {
        if (value instanceof Iterable) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : (Iterable<?>) value) {
                array.add(toNode(element));
            }
            return array;
        }
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            object.set(String.valueOf(e.getKey()), toNode(e.getValue()));
        }
        return object;
    }

    private static JsonNode number(Number n) {
        if (n instanceof Long) {
            return LongNode.valueOf(n.longValue());
        }
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return IntNode.valueOf(n.intValue());
        }
        if (n instanceof BigInteger) {
            BigInteger big = (BigInteger) n;
            return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0
                    ? LongNode.valueOf(big.longValue()) : BigIntegerNode.valueOf(big);
        }
        if (n instanceof BigDecimal) {
            return DecimalNode.valueOf((BigDecimal) n);
        }
        if (n instanceof Float) {
            return FloatNode.valueOf(n.floatValue());
        }
        if (n instanceof Double) {
            return DoubleNode.valueOf(n.doubleValue());
        }
        return DecimalNode.valueOf(new BigDecimal(n.toString()));
    }
}
