package dev.ratchet.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ModelClient} keeps: it answers a minimal request with a complete reply,
 * keeps a plain answer's text, and does not lose a unified diff the model wrote.
 *
 * <p>Extend it in the client's test and supply a client whose underlying model answers with a given
 * text (for an HTTP client: against a fake server that returns that text).
 */
public abstract class ModelClientContract {

  /** A fenced unified diff, as models write them. */
  protected static final String FENCED_DIFF =
      "Here is the fix:\n\n"
          + "```diff\n"
          + "--- a/src/lib.rs\n"
          + "+++ b/src/lib.rs\n"
          + "@@ -1,3 +1,3 @@\n"
          + " pub fn one() -> i32 {\n"
          + "-    1\n"
          + "+    2\n"
          + " }\n"
          + "```\n";

  /** Returns a new client whose model answers every request with {@code text}. */
  protected abstract ModelClient createClientReplying(String text);

  /** Returns the smallest request a loop sends: iteration 1, a task, instructions, no history. */
  protected ModelRequest minimalRequest() {
    return new ModelRequest(
        1,
        Task.of("contract", "Make one() in src/lib.rs return 2."),
        "Answer with a unified diff.",
        List.of(),
        "",
        List.of(),
        List.of());
  }

  @Test
  void reply_toMinimalRequest_isCompleteWithNonNegativeUsage() {
    ModelClient client = createClientReplying("Done.");

    ModelReply reply = client.reply(minimalRequest());

    assertThat(reply).isNotNull();
    assertThat(reply.usage().inputTokens()).isNotNegative();
    assertThat(reply.usage().outputTokens()).isNotNegative();
    assertThat(client.name()).isNotBlank();
  }

  @Test
  void reply_keepsText_whenModelAnswersInPlainText() {
    ModelReply reply = createClientReplying("Done.").reply(minimalRequest());

    assertThat(reply.text()).contains("Done.");
  }

  @Test
  void reply_yieldsEditOrKeepsText_whenModelWritesFencedDiff() {
    ModelReply reply = createClientReplying(FENCED_DIFF).reply(minimalRequest());

    boolean inEdit =
        reply.actions().stream()
            .anyMatch(
                a ->
                    a instanceof Edit.Patch p
                        ? p.text().contains("+    2")
                        : a instanceof Edit);
    boolean inText = reply.text().replace("\r\n", "\n").contains("-    1\n+    2\n");
    assertThat(inEdit || inText)
        .as("the diff is in an Edit action or in text(); got text %s and actions %s",
            reply.text(), reply.actions())
        .isTrue();
  }
}
