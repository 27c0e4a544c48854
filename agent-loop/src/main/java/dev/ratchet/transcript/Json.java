package dev.ratchet.transcript;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ratchet.action.Action;
import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.action.InvalidCall;
import dev.ratchet.action.ReadFile;
import dev.ratchet.action.RunCommand;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.model.ModelRequest;
import dev.ratchet.policy.Decision;
import dev.ratchet.workspace.ApplyResult;
import java.util.List;

/**
 * The JSON mapping of the API's values, for transcripts and {@code --json} output. The sealed
 * families are written with a {@code type} field; agent-api itself stays free of Jackson.
 */
public final class Json {
  private static final ObjectMapper MAPPER = create();

  private Json() {}

  /** The shared, configured mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper create() {
    JsonMapper mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .serializationInclusion(JsonInclude.Include.ALWAYS)
        .addMixIn(Action.class, ActionMixin.class)
        .addMixIn(Edit.class, ActionMixin.class)
        .addMixIn(Decision.class, DecisionMixin.class)
        .addMixIn(ApplyResult.class, ApplyResultMixin.class)
        .addMixIn(LoopEvent.class, LoopEventMixin.class)
        .addMixIn(ModelRequest.class, ModelRequestMixin.class)
        .build();
    mapper.configOverride(List.class)
        .setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    return mapper;
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Edit.Patch.class, name = "patch"),
    @JsonSubTypes.Type(value = Edit.WriteFile.class, name = "write_file"),
    @JsonSubTypes.Type(value = Edit.Replace.class, name = "replace"),
    @JsonSubTypes.Type(value = ReadFile.class, name = "read_file"),
    @JsonSubTypes.Type(value = RunCommand.class, name = "run_command"),
    @JsonSubTypes.Type(value = Finish.class, name = "finish"),
    @JsonSubTypes.Type(value = InvalidCall.class, name = "invalid_call")
  })
  private interface ActionMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Decision.Continue.class, name = "continue"),
    @JsonSubTypes.Type(value = Decision.Accept.class, name = "accept"),
    @JsonSubTypes.Type(value = Decision.RollbackAndContinue.class, name = "rollback"),
    @JsonSubTypes.Type(value = Decision.Stop.class, name = "stop")
  })
  private interface DecisionMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = ApplyResult.Applied.class, name = "applied"),
    @JsonSubTypes.Type(value = ApplyResult.Rejected.class, name = "rejected")
  })
  private interface ApplyResultMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(LoopEvent.RunStarted.class),
    @JsonSubTypes.Type(LoopEvent.IterationStarted.class),
    @JsonSubTypes.Type(LoopEvent.RequestSent.class),
    @JsonSubTypes.Type(LoopEvent.ModelCallFailed.class),
    @JsonSubTypes.Type(LoopEvent.ReplyReceived.class),
    @JsonSubTypes.Type(LoopEvent.EditApplied.class),
    @JsonSubTypes.Type(LoopEvent.EditRejected.class),
    @JsonSubTypes.Type(LoopEvent.ActionAnswered.class),
    @JsonSubTypes.Type(LoopEvent.Committed.class),
    @JsonSubTypes.Type(LoopEvent.GateFinished.class),
    @JsonSubTypes.Type(LoopEvent.IterationDecided.class),
    @JsonSubTypes.Type(LoopEvent.RolledBack.class),
    @JsonSubTypes.Type(LoopEvent.LoopFinished.class)
  })
  private interface LoopEventMixin {}

  /** Requests are written without their history: every earlier iteration is in the transcript. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = "history", allowSetters = true)
  private interface ModelRequestMixin {}
}
