package dev.ratchet.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns the JSON-schema text of Ratchet's tool specs into LangChain4j's schema objects (it takes
 * no raw schema for tool parameters). Covers the subset the specs use: objects, strings, integers,
 * numbers, booleans, arrays, enums and constants, {@code anyOf}, and nullable types written as
 * {@code ["integer", "null"]}.
 */
final class JsonSchemas {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonSchemas() {}

  static JsonObjectSchema object(String schema) {
    try {
      JsonSchemaElement root = element(JSON.readTree(schema));
      if (!(root instanceof JsonObjectSchema object)) {
        throw new IllegalArgumentException("a tool's parameters must be an object schema");
      }
      return object;
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON schema: " + schema, e);
    }
  }

  static JsonSchemaElement parse(String schema) {
    try {
      return element(JSON.readTree(schema));
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON schema: " + schema, e);
    }
  }

  static JsonSchemaElement element(JsonNode node) {
    String description = node.path("description").asText(null);
    if (node.has("anyOf")) {
      List<JsonSchemaElement> options = new ArrayList<>();
      node.get("anyOf").forEach(option -> options.add(element(option)));
      return JsonAnyOfSchema.builder().description(description).anyOf(options).build();
    }
    if (node.has("enum") || node.has("const")) {
      List<String> values = new ArrayList<>();
      if (node.has("const")) {
        values.add(node.get("const").asText());
      } else {
        node.get("enum").forEach(v -> values.add(v.asText()));
      }
      return JsonEnumSchema.builder().description(description).enumValues(values).build();
    }
    JsonNode type = node.path("type");
    if (type.isArray()) {
      List<JsonSchemaElement> options = new ArrayList<>();
      for (JsonNode t : type) {
        options.add(t.asText().equals("null") ? new JsonNullSchema()
            : element(withType(node, t.asText())));
      }
      return JsonAnyOfSchema.builder().description(description).anyOf(options).build();
    }
    switch (type.asText("object")) {
      case "object" -> {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
        Iterator<Map.Entry<String, JsonNode>> fields = node.path("properties").fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> f = fields.next();
          b.addProperty(f.getKey(), element(f.getValue()));
        }
        List<String> required = new ArrayList<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        b.required(required);
        if (node.has("additionalProperties")) {
          b.additionalProperties(node.get("additionalProperties").asBoolean(true));
        }
        return b.build();
      }
      case "string" -> {
        return JsonStringSchema.builder().description(description).build();
      }
      case "integer" -> {
        return JsonIntegerSchema.builder().description(description).build();
      }
      case "number" -> {
        return JsonNumberSchema.builder().description(description).build();
      }
      case "boolean" -> {
        return JsonBooleanSchema.builder().description(description).build();
      }
      case "array" -> {
        return JsonArraySchema.builder().description(description)
            .items(element(node.path("items"))).build();
      }
      case "null" -> {
        return new JsonNullSchema();
      }
      default -> throw new IllegalArgumentException("unsupported schema type " + type);
    }
  }

  private static JsonNode withType(JsonNode node, String type) {
    var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) node.deepCopy());
    copy.put("type", type);
    copy.remove("description");
    return copy;
  }
}
