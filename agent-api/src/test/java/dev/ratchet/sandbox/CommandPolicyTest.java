package dev.ratchet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandPolicyTest {

  @Test
  void denyAll_refusesEveryCommand_andSaysHowToConfigureOne() {
    CommandPolicy policy = CommandPolicy.denyAll();

    for (List<String> argv : List.of(List.of("cargo", "test"), List.of("ls"), List.<String>of())) {
      CommandVerdict verdict = policy.check(argv);

      assertThat(verdict).isInstanceOf(CommandVerdict.Deny.class);
      assertThat(((CommandVerdict.Deny) verdict).reason())
          .contains("no command policy is configured", "commandPolicy(", "ReadFile");
    }
  }

  @Test
  void approverDenyAll_declinesEverything() {
    assertThat(Approver.denyAll().approve(List.of("cargo", "clean"), "deletes the cache"))
        .isFalse();
  }

  @Test
  void verdicts_refuseBlankReasons() {
    assertThatThrownBy(() -> CommandVerdict.deny(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("what to do instead");
    assertThatThrownBy(() -> CommandVerdict.needsApproval("", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CommandVerdict.Deny(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void factories_returnTheMatchingRecords() {
    assertThat(CommandVerdict.allow()).isEqualTo(new CommandVerdict.Allow(false));
    assertThat(CommandVerdict.allowWritingTree()).isEqualTo(new CommandVerdict.Allow(true));
    assertThat(CommandVerdict.needsApproval("why", true))
        .isEqualTo(new CommandVerdict.NeedsApproval("why", true));
  }
}
