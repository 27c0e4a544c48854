package dev.ratchet.eval.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The instance record and the solver choice validate what they are given. */
class RepoInstanceTest {

  @Test
  void testNames_areKeptInOrder_onceEach_andCopied() {
    List<String> f2p = new ArrayList<>(List.of("tests::b", "tests::a", "tests::b "));

    RepoInstance i = instance("abc123", f2p);
    f2p.add("tests::c");

    assertThat(i.failToPass()).containsExactly("tests::b", "tests::a");
  }

  @Test
  void refuses_aBlankId_aBlankTestName_andABaseThatIsNoCommitOrRef() {
    assertThatThrownBy(() -> new RepoInstance("s", " ", "p", "r", "", "", "", List.of("a"),
        List.of(), Path.of("x"))).hasMessage("id must not be blank");
    assertThatThrownBy(() -> instance("", List.of("a", " ")))
        .hasMessageContaining("failToPass holds a blank test name");
    assertThatThrownBy(() -> instance("abc; rm -rf /", List.of("a")))
        .hasMessageContaining("is not a commit id or ref name");
  }

  @Test
  void fix_isAbsent_whenThePatchIsBlank() {
    assertThat(instance("", List.of("a")).fix()).isEmpty();
  }

  @Test
  void solvers_haveTheirNames_andAModelCannotTakeAReferenceName() {
    assertThat(Solver.gold().name()).isEqualTo("gold");
    assertThat(Solver.empty().name()).isEqualTo("empty");
    assertThat(Solver.model("qwen3", () -> r -> null).name()).isEqualTo("qwen3");
    assertThatThrownBy(() -> Solver.model("gold", () -> r -> null))
        .hasMessageContaining("'gold' and 'empty' are the reference answers");
  }

  private static RepoInstance instance(String base, List<String> f2p) {
    return new RepoInstance("s", "i", "p", "r", base, " ", "", f2p, List.of(), Path.of("x"));
  }
}
