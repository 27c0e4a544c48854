package dev.ratchet.cli;

import dev.ratchet.llm.Capabilities;
import dev.ratchet.llm.CapabilityProbe;
import dev.ratchet.llm.ModelClients;
import dev.ratchet.models.ModelCatalog;
import dev.ratchet.models.ModelProfile;
import dev.ratchet.models.ModelProfile.CodingScores;
import dev.ratchet.models.ModelProfile.Source;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ratchet models}: the catalog of self-hostable models, as a table or JSON. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    versionProvider = RatchetCommand.Version.class,
    description = {
      "Lists the catalog of self-hostable models: size, context length, whether each takes images"
          + " and calls tools natively, the recommended GPUs and their estimated purchase cost.",
      "The built-in catalog holds the ten models of Ratchet's model survey, one entry per size."
          + " --catalog FILE merges your own entries over it (the format --json prints)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:listed",
      "2:usage error, or no model with that id",
      "4:the catalog FILE cannot be read or is not a valid catalog"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ratchet models",
      "  ratchet models show qwen3.5-27b",
      "  ratchet models --json > my-models.json",
      "  ratchet models --catalog my-models.json show my-model"
    })
final class ModelsCommand implements Callable<Integer> {
  private static final String CATALOG_HELP = "A catalog file merged over the built-in one: its"
      + " entries replace built-in entries with the same id and add the others.";

  private final Io io;

  @Option(names = "--catalog", paramLabel = "FILE", description = CATALOG_HELP)
  Path catalog;

  @Option(names = "--json", description = "Print the catalog as JSON, in the catalog file format.")
  boolean json;

  ModelsCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Optional<ModelCatalog> models = open(catalog);
    if (models.isEmpty()) {
      return Exit.ENVIRONMENT;
    }
    if (json) {
      io.out().print(models.get().toJson());
    } else {
      printTable(models.get().all());
      io.err().println(io.styled("@|faint models:|@ ") + models.get().all().size()
          + " entries; 'ratchet models show ID' prints one with its serving command, coding"
          + " scores and sources. Costs are GPU-only purchase estimates.");
    }
    io.out().flush();
    io.err().flush();
    return Exit.OK;
  }

  /** {@code ratchet models show ID}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      versionProvider = RatchetCommand.Version.class,
      description = "Prints one model: its facts, a ready-to-paste serving command, its reported"
          + " coding scores, notes and the sources of the facts.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:shown",
        "2:usage error, or no model with that id",
        "4:the catalog FILE cannot be read or is not a valid catalog"
      },
      footerHeading = "%nExamples:%n",
      footer = {"  ratchet models show qwen3.5-27b", "  ratchet models show Qwen/Qwen3.5-27B --json"})
  int show(
      @Parameters(paramLabel = "ID",
          description = "A model id or Hugging Face id (case does not matter).") String id,
      @Option(names = "--catalog", paramLabel = "FILE", description = CATALOG_HELP)
          Path showCatalog,
      @Option(names = "--json", description = "Print the entry as a one-entry catalog file.")
          boolean showJson) {
    Optional<ModelCatalog> models = open(showCatalog != null ? showCatalog : catalog);
    if (models.isEmpty()) {
      return Exit.ENVIRONMENT;
    }
    Optional<ModelProfile> found = models.get().find(id);
    if (found.isEmpty()) {
      return io.fail(Exit.USAGE, "no model '" + id + "' in the catalog: run 'ratchet models' for"
          + " the ids, or add an entry with --catalog FILE.");
    }
    if (showJson || json) {
      io.out().print(ModelCatalog.of(List.of(found.get())).toJson());
    } else {
      printProfile(found.get());
    }
    io.out().flush();
    return Exit.OK;
  }

  /** {@code ratchet models probe URL}. */
  @Command(
      name = "probe",
      mixinStandardHelpOptions = true,
      versionProvider = RatchetCommand.Version.class,
      description = {
        "Asks a model server what it serves (GET /v1/models: names, context length when the"
            + " server says it) and, with --model, whether tool calls and strict JSON schemas"
            + " work (one tiny request each), then names the edit channel 'ratchet run' would use.",
        "URL is an OpenAI-compatible base URL (http://127.0.0.1:8000/v1) or, with --ollama,"
            + " Ollama's (http://127.0.0.1:11434)."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:the server answered", "4:the server cannot be reached or refused"},
      footerHeading = "%nExamples:%n",
      footer = {"  ratchet models probe http://127.0.0.1:8000/v1 --model qwen",
          "  ratchet models probe http://127.0.0.1:11434 --ollama --model qwen3.5:27b"})
  int probe(
      @Parameters(paramLabel = "URL", description = "The server's base URL.") String url,
      @Option(names = "--model", paramLabel = "NAME",
          description = "A served model to probe for tool calls and JSON schemas.") String model,
      @Option(names = "--api-key", paramLabel = "KEY", description = "The server's API key.")
          String apiKey,
      @Option(names = "--ollama", description = "The server is Ollama.") boolean ollama) {
    if (!ollama) {
      Capabilities listed = CapabilityProbe.models(url, Optional.ofNullable(apiKey),
          Duration.ofSeconds(30));
      io.out().println("served:   " + (listed.servedModels().isEmpty() ? "(none listed)"
          : String.join(", ", listed.servedModels())));
      io.out().println("context:  " + (listed.maxContext().isPresent()
          ? listed.maxContext().getAsInt() + " tokens" : "not reported"));
    }
    if (model != null) {
      var builder = ollama ? ModelClients.ollama(url, model) : ModelClients.openAi(url, model);
      if (apiKey != null) {
        builder.apiKey(apiKey);
      }
      Capabilities found = builder.timeout(Duration.ofMinutes(2)).probe();
      io.out().println("tools:    " + yesNo(found.tools()));
      io.out().println("json:     " + yesNo(found.jsonSchema()));
      io.out().println("channel:  " + found.channel().name().toLowerCase(Locale.ROOT));
    }
    io.out().flush();
    return Exit.OK;
  }

  private static String yesNo(Optional<Boolean> answer) {
    return answer.map(b -> b ? "yes" : "no").orElse("not probed");
  }

  /** The built-in catalog, merged with {@code file} when given; empty after reporting a fault. */
  private Optional<ModelCatalog> open(Path file) {
    ModelCatalog builtIn = ModelCatalog.builtIn();
    if (file == null) {
      return Optional.of(builtIn);
    }
    if (!Files.isRegularFile(file)) {
      io.fail(Exit.ENVIRONMENT, "no catalog file " + file + ": pass --catalog a JSON file in"
          + " the catalog format ('ratchet models --json' prints one to start from).");
      return Optional.empty();
    }
    try {
      return Optional.of(builtIn.merge(ModelCatalog.load(file)));
    } catch (IllegalArgumentException e) {
      io.fail(Exit.ENVIRONMENT, "invalid model catalog " + e.getMessage());
    } catch (UncheckedIOException e) {
      io.fail(Exit.ENVIRONMENT, "could not read the catalog file " + file + " (" + e.getCause()
          + "): check its permissions.");
    }
    return Optional.empty();
  }

  private void printTable(List<ModelProfile> models) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "HUGGING FACE ID", "PARAMS TOTAL / ACTIVE", "CONTEXT", "IMAGES",
        "TOOLS", "GPUS", "EST. COST"});
    for (ModelProfile m : models) {
      rows.add(new String[] {
        m.id(),
        m.huggingFaceId(),
        m.parameters().total() + " / " + m.parameters().active(),
        tokens(m.contextLength()),
        m.modalities().images().word(),
        m.toolCalling().word(),
        m.deployment().configuration(),
        m.estimatedCostUsd().isPresent() ? dollars(m.estimatedCostUsd().getAsLong())
            : ModelProfile.UNSPECIFIED
      });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    PrintWriter out = io.out();
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      String[] row = rows.get(r);
      for (int i = 0; i < row.length; i++) {
        String cell = i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2);
        line.append(cell);
      }
      String text = line.toString().stripTrailing();
      out.println(r == 0 ? io.styled("@|bold " + text + "|@") : text);
    }
  }

  private void printProfile(ModelProfile m) {
    PrintWriter out = io.out();
    out.println(io.styled("@|bold " + m.id() + "|@") + "  " + m.name() + " (family "
        + m.family() + ")");
    field("Hugging Face", m.huggingFaceId());
    field("Licence", m.licence());
    field("Modalities", m.modalities().input() + " → " + m.modalities().output()
        + " (images " + m.modalities().images().word() + ", video "
        + m.modalities().video().word() + ", audio " + m.modalities().audio().word() + ")");
    field("Parameters", m.parameters().total() + " total, " + m.parameters().active()
        + " active; " + m.parameters().architecture());
    field("Context", m.context() + tokensSuffix(m.contextLength()));
    field("Tool calling", m.toolCalling().word());
    field("GPUs", m.deployment().configuration() + m.estimatedCostUsd().stream()
        .mapToObj(c -> ", estimated " + dollars(c) + " (GPU-only purchase)")
        .findFirst().orElse(""));
    field("Serve with", m.servingCommand());
    if (!m.serving().checkpoint().equals(m.huggingFaceId())) {
      field("", "(serves " + m.serving().checkpoint() + "; see the notes)");
    }
    heading("Coding scores (as officially reported; 'unspecified' where the survey says so)");
    CodingScores s = m.scores();
    score("SWE-bench Verified", s.sweBenchVerified());
    score("LiveCodeBench", s.liveCodeBench());
    score("TerminalBench", s.terminalBench());
    score("HumanEval", s.humanEval());
    score("MBPP", s.mbpp());
    score("Codeforces", s.codeforces());
    if (!s.evidence().isEmpty()) {
      out.println("  survey: " + s.evidence());
    }
    if (!m.notes().isEmpty()) {
      heading("Notes");
      m.notes().forEach(n -> out.println("  - " + n));
    }
    heading("Sources");
    for (Source src : m.sources()) {
      out.println("  - " + src.ref());
      out.println("    for " + src.covers());
    }
  }

  private void field(String label, String value) {
    io.out().println(pad(label, 14) + value);
  }

  private void heading(String text) {
    io.out().println(io.styled("@|bold " + text + "|@"));
  }

  private void score(String benchmark, String value) {
    io.out().println("  " + (value.equals(ModelProfile.UNSPECIFIED)
        ? benchmark + ": " + ModelProfile.UNSPECIFIED : value));
  }

  private static String pad(String text, int width) {
    StringBuilder b = new StringBuilder(text);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  /** A token count the way model cards write it: {@code 128K}, {@code 1M}, {@code 4,000}. */
  static String tokens(OptionalInt count) {
    if (count.isEmpty()) {
      return ModelProfile.UNSPECIFIED;
    }
    int n = count.getAsInt();
    if (n % (1024 * 1024) == 0) {
      return n / (1024 * 1024) + "M";
    }
    if (n % 1024 == 0) {
      return n / 1024 + "K";
    }
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String tokensSuffix(OptionalInt count) {
    return count.isPresent()
        ? String.format(Locale.ROOT, " (%,d tokens)", count.getAsInt()) : "";
  }

  private static String dollars(long usd) {
    return String.format(Locale.ROOT, "$%,d", usd);
  }
}
