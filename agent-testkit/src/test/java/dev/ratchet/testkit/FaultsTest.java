package dev.ratchet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.RetriableException;
import dev.ratchet.action.Action;
import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.contract.ModelClientContract;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.TokenUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wrappers pass every call but the chosen one through, so they keep the client contract. */
class FaultsTest extends ModelClientContract {

  @Override
  protected ModelClient createClientReplying(String text) {
    ModelClient scripted =
        ScriptedModelClient.inOrder(ModelReply.of(text, List.of(), TokenUsage.ZERO));
    return Faults.timeout(
        Faults.malformedReply(
            Faults.truncatedReply(
                Faults.failing(scripted, 2, new IllegalStateException("boom")), 2),
            2),
        2);
  }

  private static ModelReply diffReply() {
    return new ModelReply(
        "Here is the diff:\n" + Requests.DIFF,
        List.of(Edit.patch(Requests.DIFF), new Finish("done")),
        new TokenUsage(100, 50),
        ModelReply.FinishReason.STOP,
        Map.of("model", "qwen"));
  }

  @Test
  void malformedReply_returnsGarbageOnChosenCallOnly() {
    ModelReply a = Requests.finish("a");
    ModelReply b = Requests.finish("b");
    ScriptedModelClient scripted = ScriptedModelClient.inOrder(a, b);
    ModelClient client = Faults.malformedReply(scripted, 2);

    assertThat(client.reply(Requests.first())).isSameAs(a);
    ModelReply garbage = client.reply(Requests.first());
    assertThat(client.reply(Requests.first())).as("the script was not consumed").isSameAs(b);

    assertThat(garbage.actions()).isEmpty();
    assertThat(garbage.text()).isNotBlank().doesNotContain("---").doesNotContain("@@");
    assertThat(garbage.finishReason()).isEqualTo(ModelReply.FinishReason.STOP);
    assertThat(scripted.requests()).hasSize(2);
  }

  @Test
  void timeout_throwsRetriableOnChosenCall() {
    ModelReply a = Requests.finish("a");
    ModelClient client = Faults.timeout(ScriptedModelClient.inOrder(a), 1);

    assertThatThrownBy(() -> client.reply(Requests.first()))
        .isInstanceOf(RetriableException.class)
        .hasMessageStartingWith("model call timed out after")
        .hasMessageContaining("call 1");
    assertThat(client.reply(Requests.first())).as("the retry gets the scripted reply").isSameAs(a);
  }

  @Test
  void truncatedReply_cutsTextAndPatchInHalf() {
    ModelReply full = diffReply();
    ModelClient client = Faults.truncatedReply(ScriptedModelClient.inOrder(full), 1);

    ModelReply cut = client.reply(Requests.first());

    assertThat(cut.finishReason()).isEqualTo(ModelReply.FinishReason.LENGTH);
    assertThat(cut.text()).isEqualTo(full.text().substring(0, full.text().length() / 2));
    Action patch = cut.actions().get(0);
    assertThat(patch)
        .isEqualTo(Edit.patch(Requests.DIFF.substring(0, Requests.DIFF.length() / 2)));
    assertThat(cut.actions().get(1)).isEqualTo(new Finish("done"));
    assertThat(cut.usage()).isEqualTo(full.usage());
    assertThat(cut.metadata()).containsEntry("model", "qwen");
  }

  @Test
  void half_neverSplitsSurrogatePair() {
    assertThat(Faults.half("a\uD83E\uDD80b")).isEqualTo("a");
    assertThat(Faults.half("ab\uD83E\uDD80")).isEqualTo("ab");
    assertThat(Faults.half("")).isEmpty();
  }

  @Test
  void failing_throwsGivenExceptionOnChosenCall() {
    IllegalStateException boom = new IllegalStateException("server said 400");
    ModelClient client = Faults.failing(ScriptedModelClient.inOrder(Requests.finish("a")), 1, boom);

    assertThatThrownBy(() -> client.reply(Requests.first())).isSameAs(boom);
  }

  @Test
  void wrappers_keepDelegateName() {
    assertThat(Faults.timeout(ScriptedModelClient.inOrder(), 1).name()).isEqualTo("scripted");
  }

  @Test
  void wrappers_throw_whenCallIsNotOneBased() {
    assertThatThrownBy(() -> Faults.timeout(ScriptedModelClient.inOrder(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 1");
  }
}
