package dev.ratchet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.contract.ModelClientContract;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import dev.ratchet.model.TokenUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptedModelClientTest extends ModelClientContract {

  @Override
  protected ModelClient createClientReplying(String text) {
    return ScriptedModelClient.inOrder(ModelReply.of(text, List.of(), TokenUsage.ZERO));
  }

  @Test
  void reply_returnsRepliesInOrder() {
    ModelReply a = Requests.finish("a");
    ModelReply b = Requests.finish("b");
    ScriptedModelClient client = ScriptedModelClient.inOrder(a, b);

    assertThat(client.reply(Requests.first())).isSameAs(a);
    assertThat(client.reply(Requests.second(""))).isSameAs(b);
  }

  @Test
  void reply_throwsWithCounts_whenScriptIsExhausted() {
    ScriptedModelClient client =
        ScriptedModelClient.inOrder(List.of(Requests.finish("a"), Requests.finish("b")));
    client.reply(Requests.first());
    client.reply(Requests.first());

    assertThatThrownBy(() -> client.reply(Requests.second("again")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "script exhausted after 2 replies; the loop asked for reply 3 (iteration 2)");
  }

  @Test
  void reply_throws_whenScriptIsEmpty() {
    ScriptedModelClient client = ScriptedModelClient.inOrder();

    assertThatThrownBy(() -> client.reply(Requests.first()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "script exhausted after 0 replies; the loop asked for reply 1 (iteration 1)");
  }

  @Test
  void requests_returnsEveryRequestAsUnmodifiableCopy() {
    ScriptedModelClient client = ScriptedModelClient.inOrder(Requests.finish("a"));
    ModelRequest first = Requests.first();
    client.reply(first);
    ModelRequest second = Requests.second("");
    assertThatThrownBy(() -> client.reply(second)).isInstanceOf(IllegalStateException.class);

    List<ModelRequest> requests = client.requests();

    assertThat(requests).containsExactly(first, second);
    assertThatThrownBy(() -> requests.add(first)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void reply_returnsRecordedReply_whenHashMatches() {
    ModelReply a = Requests.finish("first");
    ModelReply b = Requests.finish("second");
    ScriptedModelClient client =
        ScriptedModelClient.cassette(
            Map.of(
                RequestHash.of(Requests.first()), a,
                RequestHash.of(Requests.second("fix the test")), b));

    assertThat(client.reply(Requests.second("fix the test"))).isSameAs(b);
    assertThat(client.reply(Requests.first())).isSameAs(a);
    assertThat(client.requests()).hasSize(2);
  }

  @Test
  void reply_failsLoudly_whenRequestDriftedFromCassette() {
    ScriptedModelClient client =
        ScriptedModelClient.cassette(
            Map.of(RequestHash.of(Requests.second("fix the test")), Requests.finish("x")));
    ModelRequest drifted = Requests.second("fix the build");

    assertThatThrownBy(() -> client.reply(drifted))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(RequestHash.of(drifted))
        .hasMessageContaining("iteration 2")
        .hasMessageContaining(
            "the request drifted from the recording; re-record the cassette or fix the drift")
        .hasMessageContaining(RequestHash.canonical(drifted).substring(0, 500))
        .hasMessageNotContaining(RequestHash.canonical(drifted).substring(0, 501));
  }

  @Test
  void cassette_rejectsKey_whenNotARequestHash() {
    assertThatThrownBy(
            () -> ScriptedModelClient.cassette(Map.of("iteration-1", Requests.finish("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RequestHash.of(request)");
  }

  @Test
  void name_isScripted() {
    assertThat(ScriptedModelClient.inOrder().name()).isEqualTo("scripted");
  }
}
