package dev.ratchet.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.gate.TestOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {

  @TempDir Path dir;

  private static ProblemResult problem(String name, Status status) {
    return new ProblemResult("humaneval-rs", name, "gold", 0.2, 7, List.of(
        new Sample(0, "x", status, 0, "", "", 10, 0, 0, 0)));
  }

  @Test
  void appendAndRead_roundTripBothKinds_andDoneSkipsFinished() {
    ResultsFile file = ResultsFile.at(dir.resolve("r.jsonl"));
    InstanceResult instance = new InstanceResult("folder", "t1", "gold", true, "ok",
        List.of(new TestOutcome("tests::a", TestOutcome.Status.PASSED, "", Duration.ZERO)),
        List.of(), 0, "", 5, 2, 0, 0, 0, 0);

    file.append(problem("p1", Status.OK));
    file.append(problem("p2", Status.SYNTAX_ERROR));
    file.append(instance);

    assertThat(file.read()).containsExactly(problem("p1", Status.OK),
        problem("p2", Status.SYNTAX_ERROR), instance);
    assertThat(file.done("humaneval-rs", "gold")).containsExactlyInAnyOrder("p1", "p2");
    assertThat(file.done("humaneval-rs", "other")).isEmpty();
  }

  @Test
  void notApplicable_roundTrips_andOlderLinesWithoutTheFieldReadAsApplicable() throws Exception {
    ResultsFile file = ResultsFile.at(dir.resolve("r.jsonl"));
    InstanceResult skipped = InstanceResult.notApplicable("tasks", "10-ci", "texty",
        "not applicable: comes with a picture");
    file.append(skipped);
    String line = Files.readString(file.path()).strip();
    Files.writeString(file.path(), line.replace(",\"notApplicable\":true", "") + "\n",
        StandardOpenOption.APPEND);

    List<EvalResult> read = file.read();

    assertThat(line).contains("\"notApplicable\":true");
    assertThat(read.get(0)).isEqualTo(skipped);
    assertThat(((InstanceResult) read.get(1)).notApplicable()).isFalse();
  }

  @Test
  void read_ignoresALastLineTornByACrash() throws Exception {
    ResultsFile file = ResultsFile.at(dir.resolve("r.jsonl"));
    file.append(problem("p1", Status.OK));
    Files.writeString(file.path(), "{\"kind\":\"problem\",\"suite\":\"humaneval-rs\",\"pro",
        StandardOpenOption.APPEND);

    assertThat(file.read()).containsExactly(problem("p1", Status.OK));
  }

  @Test
  void append_afterATornLine_dropsTheTornPart_soTheFileStaysReadable() throws Exception {
    ResultsFile file = ResultsFile.at(dir.resolve("r.jsonl"));
    file.append(problem("p1", Status.OK));
    Files.writeString(file.path(), "{\"kind\":\"problem\",\"suite\":\"humaneval-rs\",\"pro",
        StandardOpenOption.APPEND);

    file.append(problem("p2", Status.SYNTAX_ERROR));
    file.append(problem("p3", Status.OK));

    assertThat(file.read()).containsExactly(problem("p1", Status.OK),
        problem("p2", Status.SYNTAX_ERROR), problem("p3", Status.OK));
    assertThat(Files.readAllLines(file.path())).hasSize(3);
  }
}
