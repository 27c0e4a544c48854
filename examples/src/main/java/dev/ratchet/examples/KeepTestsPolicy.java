package dev.ratchet.examples;

import dev.ratchet.action.Edit;
import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.LoopState;
import dev.ratchet.policy.Decision;
import dev.ratchet.policy.Policy;

/**
 * An example of a custom policy: a model may not make tests pass by deleting them. Any iteration
 * whose edit removes a {@code #[test]} attribute is rolled back, whatever the gates say.
 */
public final class KeepTestsPolicy implements Policy {

  @Override
  public Decision decide(LoopState state) {
    Iteration it = state.current().orElseThrow();
    boolean deletesTest = it.reply().actions().stream()
        .filter(Edit.Patch.class::isInstance)
        .map(a -> ((Edit.Patch) a).text())
        .anyMatch(text -> text.lines().anyMatch(l -> l.startsWith("-") && l.contains("#[test]")));
    return deletesTest && it.changedTree()
        ? Decision.rollback("the edit deletes a test; fix the code instead")
        : Decision.proceed();
  }
}
