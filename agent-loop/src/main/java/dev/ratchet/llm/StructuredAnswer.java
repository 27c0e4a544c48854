package dev.ratchet.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.ratchet.RatchetException;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One question whose answer must have a fixed shape, such as a diagnosis {@code {"cause":
 * string, "file": string, "line": integer}}: sent with {@code response_format} and a strict JSON
 * schema, and the answer checked against the same schema here (a server may ignore the format).
 */
public final class StructuredAnswer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private final ChatModel model;
  private final String endpoint;
  private final String modelName;

  StructuredAnswer(ChatModel model, String endpoint, String modelName) {
    this.model = Objects.requireNonNull(model, "model");
    this.endpoint = endpoint;
    this.modelName = modelName;
  }

  /**
   * Asks and returns the answer as JSON that matches {@code schema}.
   *
   * @param system instructions; empty for none
   * @param prompt the question
   * @param name the schema's name, such as {@code Diagnosis}
   * @param schema a JSON schema (objects with {@code additionalProperties: false} and every
   *     property required, as strict mode wants)
   * @throws RatchetException when the answer is not JSON or does not match, naming what differs
   */
  public JsonNode ask(String system, String prompt, String name, String schema) {
    ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON)
        .jsonSchema(JsonSchema.builder().name(name).rootElement(JsonSchemas.parse(schema))
            .build())
        .build();
    ChatRequest.Builder request = ChatRequest.builder().responseFormat(format);
    request.messages(system.isBlank() ? java.util.List.of(UserMessage.from(prompt))
        : java.util.List.of(SystemMessage.from(system), UserMessage.from(prompt)));
    ChatResponse response = Faults.call(endpoint, modelName, () -> model.chat(request.build()));
    String text = response.aiMessage() == null ? null : response.aiMessage().text();
    if (text == null || text.isBlank()) {
      throw new RatchetException("the model answered nothing for the " + name + " schema");
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(text.strip());
    } catch (IOException e) {
      throw new RatchetException("the model's answer is not JSON (the server may not support"
          + " response_format json_schema): " + text.substring(0, Math.min(200, text.length())),
          e);
    }
    Set<ValidationMessage> problems = SCHEMAS.getSchema(schema).validate(answer);
    if (!problems.isEmpty()) {
      throw new RatchetException("the model's answer does not match the " + name + " schema: "
          + problems.stream().map(ValidationMessage::getMessage)
              .collect(Collectors.joining("; ")));
    }
    return answer;
  }
}
