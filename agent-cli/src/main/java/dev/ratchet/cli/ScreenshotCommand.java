package dev.ratchet.cli;

import dev.ratchet.images.CiScreenshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ratchet screenshot}: a CI log drawn as the PNG a vision model reads. */
@Command(
    name = "screenshot",
    mixinStandardHelpOptions = true,
    versionProvider = RatchetCommand.Version.class,
    description = {
      "Draws a CI log as a PNG that looks like a CI log viewer: failing lines in red, warnings in"
          + " amber, ANSI colours kept, long logs cut to their head, tail and failures. The same"
          + " log gives the same bytes.",
      "The task pack's multimodal task was made with it from a real failing run."
    },
    footerHeading = "%nExample:%n",
    footer = "  CARGO_TERM_COLOR=always cargo test 2>&1 | ratchet screenshot - --out ci.png",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the PNG was written", "2:bad options", "4:the log cannot be read"})
final class ScreenshotCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(paramLabel = "LOG", description = "The log file, or - for standard input.")
  String log;

  @Option(names = "--out", required = true, paramLabel = "PNG", description = "Where to write.")
  Path out;

  @Option(names = "--title", paramLabel = "TEXT",
      description = "The title bar's text (default: ${DEFAULT-VALUE}).")
  String title = CiScreenshot.DEFAULT_TITLE;

  @Option(names = "--columns", paramLabel = "N",
      description = "Characters per row before wrapping (default: ${DEFAULT-VALUE}).")
  int columns = CiScreenshot.DEFAULT_COLUMNS;

  @Option(names = "--max-lines", paramLabel = "N",
      description = "Most log lines drawn (default: ${DEFAULT-VALUE}).")
  int maxLines = CiScreenshot.DEFAULT_MAX_LINES;

  ScreenshotCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    String text;
    try {
      text = log.equals("-") ? new String(io.in().readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(log), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return io.fail(Exit.ENVIRONMENT, "no log file " + log + ": give a file, or - to read"
          + " standard input.");
    }
    byte[] png = CiScreenshot.builder().title(title).columns(columns).maxLines(maxLines).build()
        .toPng(text);
    Files.write(out, png);
    io.out().printf("%s: %d bytes%n", out, png.length);
    return Exit.OK;
  }
}
