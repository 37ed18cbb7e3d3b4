package ai.altertable.reactive.core.model.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;

import java.io.IOException;

/**
 * Reads an optional boolean that may be absent but must not be an explicit JSON {@code null}, and accepts nothing but
 * {@code true}/{@code false}. This is how the official mock reads {@code /explain}'s {@code include_plan} (protocol §1:
 * "{@code null} gives 422"), unlike every other optional request field, where {@code null} counts as absent.
 *
 * <p>An absent key yields {@code null}; an explicit {@code null} raises {@link InvalidNullException}.
 */
public final class NonNullBooleanDeserializer extends StdScalarDeserializer<Boolean>
        implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;

    private final PropertyName property;

    /** The instance Jackson creates from {@code @JsonDeserialize(using = ...)}; contextualized per property. */
    public NonNullBooleanDeserializer() {
        this(null);
    }

    private NonNullBooleanDeserializer(PropertyName property) {
        super(Boolean.class);
        this.property = property;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty beanProperty) {
        return beanProperty == null ? this : new NonNullBooleanDeserializer(beanProperty.getFullName());
    }

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
    }

    @Override
    public Boolean getNullValue(DeserializationContext ctxt) throws JsonMappingException {
        throw InvalidNullException.from(ctxt, property, ctxt.constructType(Boolean.class));
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
        return null;
    }
}
