package dev.ratchet.cli;

import dev.ratchet.eval.EvalResult;
import dev.ratchet.eval.ResultsFile;
import dev.ratchet.eval.rank.RankOptions;
import dev.ratchet.eval.rank.Ranking;
import dev.ratchet.eval.rank.Report;
import dev.ratchet.models.ModelCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ratchet rank}: ranks models from measured results and the catalog by the rubric. */
@Command(
    name = "rank",
    mixinStandardHelpOptions = true,
    versionProvider = RatchetCommand.Version.class,
    description = {
      "Ranks models by the survey's weighted rubric (programming & systems engineering 35%,"
          + " multimodal usefulness 20%, self-hosting efficiency 25%, tool-use readiness 10%,"
          + " licence & ecosystem 10%), combining measured RESULTS with the model catalog.",
      "Every catalog model is ranked; those without results from catalog facts alone, marked"
          + " 'reported only'. Each score says whether it was measured, reported by the vendor"
          + " (not measured), taken from the catalog or unknown. Prints the ranking table in"
          + " Markdown; --html and --markdown write the full report with charts and rules."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ranked",
      "2:usage error, or an --alias names no catalog model",
      "4:a RESULTS file or the catalog FILE cannot be read, or a report cannot be written"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ratchet rank results/*.jsonl",
      "  ratchet rank results.jsonl --html ranking.html --markdown ranking.md",
      "  ratchet rank results.jsonl --alias openai:my-qwen=qwen3.5-27b --json"
    })
final class RankCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(paramLabel = "RESULTS", arity = "1..*",
      description = "Results files: JSON lines of problem and instance results, as the"
          + " evaluation harness writes them.")
  List<Path> results = new ArrayList<>();

  @Option(names = "--catalog", paramLabel = "FILE",
      description = "A catalog file merged over the built-in one: its entries replace built-in"
          + " entries with the same id and add the others.")
  Path catalog;

  @Option(names = "--html", paramLabel = "OUT.html",
      description = "Write the full report as one self-contained HTML page (inline SVG charts,"
          + " no external resources).")
  Path html;

  @Option(names = "--markdown", paramLabel = "OUT.md",
      description = "Write the full report in Markdown.")
  Path markdown;

  @Option(names = "--json", description = "Print the ranking as JSON instead of the table.")
  boolean json;

  @Option(names = "--alias", paramLabel = "MODEL=ID",
      description = "Count the results of model name MODEL as catalog model ID (repeatable),"
          + " for names the automatic matching misses.")
  Map<String, String> aliases = new LinkedHashMap<>();

  @Option(names = "--multimodal-suite", paramLabel = "SUITE",
      description = "Count SUITE as a multimodal task suite (repeatable); suites whose name"
          + " contains multimodal, vision, image or screenshot already count.")
  List<String> multimodalSuites = new ArrayList<>();

  RankCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Optional<ModelCatalog> models = openCatalog();
    if (models.isEmpty()) {
      return Exit.ENVIRONMENT;
    }
    List<EvalResult> all = new ArrayList<>();
    for (Path file : results) {
      if (!Files.isRegularFile(file)) {
        return io.fail(Exit.ENVIRONMENT, "no results file " + file + ": pass the JSON-lines"
            + " files the evaluation harness wrote.");
      }
      try {
        List<EvalResult> read = ResultsFile.at(file).read();
        if (read.isEmpty()) {
          io.err().println(io.styled("@|yellow note:|@ ") + file + " holds no results.");
        }
        all.addAll(read);
      } catch (IllegalStateException e) {
        return io.fail(Exit.ENVIRONMENT, e.getMessage() + ": pass a results file of the"
            + " evaluation harness (one JSON result per line).");
      } catch (UncheckedIOException e) {
        return io.fail(Exit.ENVIRONMENT, "could not read the results file " + file + " ("
            + e.getCause() + "): check its permissions.");
      }
    }
    Ranking ranking;
    try {
      ranking = Ranking.of(all, models.get(),
          new RankOptions(aliases, new LinkedHashSet<>(multimodalSuites)));
    } catch (IllegalArgumentException e) {
      return io.fail(Exit.USAGE, e.getMessage() + ".");
    }
    List<String> written = new ArrayList<>();
    if (html != null) {
      if (!write(html, Report.html(ranking))) {
        return Exit.ENVIRONMENT;
      }
      written.add(html.toString());
    }
    if (markdown != null) {
      if (!write(markdown, Report.markdown(ranking))) {
        return Exit.ENVIRONMENT;
      }
      written.add(markdown.toString());
    }
    io.out().print(json ? Report.json(ranking) : Report.rankingTable(ranking));
    io.out().flush();
    int measured = ranking.measured().size();
    io.err().println(io.styled("@|faint rank:|@ ") + ranking.standings().size() + " models, "
        + measured + " measured on " + ranking.suites().size() + " suite"
        + (ranking.suites().size() == 1 ? "" : "s") + (all.isEmpty()
            ? "; no results in the files, so every model is ranked from catalog facts alone" : "")
        + (written.isEmpty() ? "; --html FILE writes the report with charts"
            : "; wrote " + String.join(" and ", written)) + ".");
    io.err().flush();
    return Exit.OK;
  }

  /** The built-in catalog, merged with {@code --catalog} when given; empty after a fault. */
  private Optional<ModelCatalog> openCatalog() {
    ModelCatalog builtIn = ModelCatalog.builtIn();
    if (catalog == null) {
      return Optional.of(builtIn);
    }
    if (!Files.isRegularFile(catalog)) {
      io.fail(Exit.ENVIRONMENT, "no catalog file " + catalog + ": pass --catalog a JSON file in"
          + " the catalog format ('ratchet models --json' prints one to start from).");
      return Optional.empty();
    }
    try {
      return Optional.of(builtIn.merge(ModelCatalog.load(catalog)));
    } catch (IllegalArgumentException e) {
      io.fail(Exit.ENVIRONMENT, "invalid model catalog " + e.getMessage());
    } catch (UncheckedIOException e) {
      io.fail(Exit.ENVIRONMENT, "could not read the catalog file " + catalog + " ("
          + e.getCause() + "): check its permissions.");
    }
    return Optional.empty();
  }

  /** Writes a report, creating its directory; reports a failure and returns false. */
  private boolean write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return true;
    } catch (IOException e) {
      io.fail(Exit.ENVIRONMENT, "could not write " + file + " (" + e + "): check the path and"
          + " its permissions.");
      return false;
    }
  }
}
