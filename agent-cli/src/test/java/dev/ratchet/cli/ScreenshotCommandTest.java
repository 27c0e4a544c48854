package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.images.CiScreenshot;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenshotCommandTest {

  private static final String LOG = "running 1 test\ntest adds ... FAILED\n\nfailures:\n"
      + "thread 'adds' panicked at src/lib.rs:3:5:\nassertion failed\n";

  @TempDir Path tmp;

  @Test
  void drawsTheLog_asTheSamePngTheLibraryMakes() throws Exception {
    Path log = Files.writeString(tmp.resolve("ci.log"), LOG);
    Path png = tmp.resolve("ci.png");

    CliRun run = CliRun.of("screenshot", log.toString(), "--out", png.toString(), "--title",
        "CI · demo");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(png))
        .isEqualTo(CiScreenshot.builder().title("CI · demo").build().toPng(LOG));
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isGreaterThan(500);
  }

  @Test
  void readsStandardInput_forADash() throws Exception {
    Path png = tmp.resolve("stdin.png");

    CliRun run = CliRun.withStdin(LOG, "screenshot", "-", "--out", png.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(png)).isEqualTo(CiScreenshot.render(LOG));
  }

  @Test
  void missingLog_isAnEnvironmentError_thatSaysWhatToGive() {
    CliRun run = CliRun.of("screenshot", tmp.resolve("nope.log").toString(), "--out",
        tmp.resolve("x.png").toString());

    assertThat(run.exit()).isEqualTo(Exit.ENVIRONMENT);
    assertThat(run.err()).contains("no log file", "or - to read standard input");
    assertThat(tmp.resolve("x.png")).doesNotExist();
  }
}
