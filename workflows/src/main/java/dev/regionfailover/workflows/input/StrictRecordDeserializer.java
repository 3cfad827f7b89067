package dev.regionfailover.workflows.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Decodes a workflow input or signal payload record strictly, as typed into the Temporal CLI or UI:
 * the payload must be a JSON object and each known field must have its record component's JSON type
 * (a number is not taken for a string), so that {@code {"app":5}} fails naming {@code app} instead
 * of running as app "5". Keys the record does not know are ignored and a missing or null field is
 * null (0 or false for a primitive), as the contract says.
 *
 * <p>A workflow input that does not decode raises an {@link InvalidWorkflowInput} naming every
 * problem at once. A signal payload cannot fail that way, since the SDK drops a signal that does
 * not decode without a word; its record instead has a last component {@value #PROBLEM} that this
 * deserializer fills with the problems (and never reads from the JSON), so that the workflow
 * records the signal as refused with the reason.
 *
 * <p>Put it on a record with {@code @JsonDeserialize(using = StrictRecordDeserializer.class)}.
 */
public final class StrictRecordDeserializer extends JsonDeserializer<Record>
    implements ContextualDeserializer {

  /** The name of a signal payload record's component that carries why the payload is refused. */
  public static final String PROBLEM = "payloadProblem";

  private final Class<? extends Record> type;

  public StrictRecordDeserializer() {
    this(null);
  }

  private StrictRecordDeserializer(Class<? extends Record> type) {
    this.type = type;
  }

  @Override
  public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
      throws JsonMappingException {
    JavaType contextual = ctxt.getContextualType();
    if (contextual == null || !contextual.isRecordType()) {
      throw JsonMappingException.from(ctxt, "StrictRecordDeserializer decodes records only");
    }
    @SuppressWarnings("unchecked")
    Class<? extends Record> record = (Class<? extends Record>) contextual.getRawClass();
    return new StrictRecordDeserializer(record);
  }

  @Override
  public Record deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
    JsonNode node = ctxt.readTree(parser);
    RecordComponent[] components = type.getRecordComponents();
    boolean signal = components[components.length - 1].getName().equals(PROBLEM);
    int fields = signal ? components.length - 1 : components.length;
    Object[] values = new Object[components.length];
    List<String> problems = new ArrayList<>();
    if (!node.isObject()) {
      problems.add(
          "the "
              + (signal ? "payload" : "input")
              + " must be a JSON object with the fields "
              + Arrays.stream(components, 0, fields).map(RecordComponent::getName).toList()
              + ", not "
              + describe(node));
    }
    for (int i = 0; i < fields; i++) {
      RecordComponent component = components[i];
      JsonNode value = node.isObject() ? node.get(component.getName()) : null;
      values[i] = absent(component.getType());
      if (value == null || value.isNull()) {
        continue;
      }
      if (!fits(value, component.getType())) {
        problems.add(
            "\""
                + component.getName()
                + "\" must be "
                + expected(component.getType())
                + ", not "
                + describe(value));
        continue;
      }
      try {
        values[i] =
            ctxt.readTreeAsValue(
                value, ctxt.getTypeFactory().constructType(component.getGenericType()));
      } catch (IOException e) {
        problems.add("\"" + component.getName() + "\" does not decode: " + originalMessage(e));
      }
    }
    String problem =
        problems.isEmpty() || !node.isObject()
            ? String.join("; ", problems)
            : "invalid " + (signal ? "payload" : "input") + ": " + String.join("; ", problems);
    if (signal) {
      values[fields] = problems.isEmpty() ? null : problem;
    } else if (!problems.isEmpty()) {
      throw new InvalidWorkflowInput(problem);
    }
    return construct(components, values);
  }

  private Record construct(RecordComponent[] components, Object[] values) {
    Class<?>[] parameterTypes =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      Constructor<? extends Record> canonical = type.getDeclaredConstructor(parameterTypes);
      canonical.setAccessible(true);
      return canonical.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new InvalidWorkflowInput("invalid input: " + e.getCause().getMessage());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  private static boolean fits(JsonNode value, Class<?> type) {
    if (type == String.class) {
      return value.isTextual();
    }
    if (type == Boolean.class || type == boolean.class) {
      return value.isBoolean();
    }
    if (type == Integer.class || type == int.class) {
      return value.isIntegralNumber() && value.canConvertToInt();
    }
    if (type == Long.class || type == long.class) {
      return value.isIntegralNumber() && value.canConvertToLong();
    }
    if (type == Double.class || type == double.class) {
      return value.isNumber();
    }
    if (type.isEnum()) {
      return value.isTextual();
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return value.isArray();
    }
    return value.isObject();
  }

  private static String expected(Class<?> type) {
    if (type == String.class || type.isEnum()) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return Map.class.isAssignableFrom(type)
        ? "an object"
        : "an object (" + type.getSimpleName() + ")";
  }

  private static Object absent(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0.0;
    }
    return null;
  }

  private static String describe(JsonNode node) {
    String text = node.toString();
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return switch (node.getNodeType()) {
      case STRING -> "a string " + shown;
      case NUMBER -> "a number " + shown;
      case BOOLEAN -> "a boolean " + shown;
      case ARRAY -> "an array " + shown;
      case OBJECT -> "an object " + shown;
      default -> shown;
    };
  }

  private static String originalMessage(IOException e) {
    return e instanceof JsonMappingException mapping
        ? mapping.getOriginalMessage()
        : e.getMessage();
  }
}
