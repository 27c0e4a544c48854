package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void render_showsCountRateAndTimeLeft() {
    assertThat(ProgressBar.render(0, 150, 0, "problems"))
        .isEqualTo("[........................] 0/150");
    assertThat(ProgressBar.render(50, 150, 20, "problems"))
        .isEqualTo("[########................] 50/150  2.5 problems/s  ETA 40 s");
    assertThat(ProgressBar.render(3, 10, 360, "tasks"))
        .isEqualTo("[#######.................] 3/10  0.5 tasks/min  ETA 14 min 00 s");
    assertThat(ProgressBar.render(10, 10, 4000, "tasks"))
        .isEqualTo("[########################] 10/10  0.2 tasks/min  in 1 h 06 min");
  }

  @Test
  void offATerminal_printsATenthAtATime_andEveryNote() {
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), false, "problems");

    for (int done = 1; done <= 100; done++) {
      bar.update(done, 100, done == 42 ? "HumanEval_41: Timeout" : "");
    }
    bar.finish();

    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(12); // the first, each tenth, and the note
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("[##########").contains(" 42/100")
        .endsWith("HumanEval_41: Timeout"));
    assertThat(lines[lines.length - 1]).contains("100/100").contains(" in ");
    assertThat(out.toString()).doesNotContain("\r");
  }

  @Test
  void onATerminal_redrawsOneLine_andKeepsNotesAbove() {
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), true, "tasks");

    bar.update(1, 2, "01-zero-copy-parser: passed");
    bar.update(2, 2, "");
    bar.finish();

    assertThat(out.toString()).startsWith("\r\033[K01-zero-copy-parser: passed\n\r\033[K[")
        .contains("\r\033[K[########################] 2/2").endsWith("\n");
  }
}
