package dev.ratchet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ratchet.action.Edit;
import dev.ratchet.edit.EditApplier;
import dev.ratchet.edit.EditGuard;
import dev.ratchet.transcript.Json;
import dev.ratchet.workspace.ApplyResult;
import dev.ratchet.workspace.FileChange;
import dev.ratchet.workspace.HunkReport;
import dev.ratchet.workspace.MatchLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ratchet apply}: applies one model-made edit to a directory, or says why not. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    versionProvider = RatchetCommand.Version.class,
    description = {
      "Applies one model-made edit to the working tree of DIR, entirely or not at all.",
      "The edit is text as a model wrote it: a unified diff (fenced or not, line numbers may be"
          + " wrong), search/replace blocks, or a whole file under its path."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:applied",
      "2:usage error",
      "3:rejected; the tree is unchanged",
      "4:DIR or EDITFILE cannot be used"
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ratchet apply --repo my-crate fix.diff",
      "  cat reply.md | ratchet apply --repo . --json -"
    })
final class ApplyCommand implements Callable<Integer> {
  private final Io io;

  @Option(names = "--repo", required = true, paramLabel = "DIR",
      description = "The directory whose files the edit changes (need not be a git repository).")
  Path repo;

  @Option(names = "--json", description = "Print the result as JSON on stdout.")
  boolean json;

  @Option(names = "--allow-binary", description = "Allow GIT binary patches.")
  boolean allowBinary;

  @Option(names = "--allow-exec-bit",
      description = "Allow creating executable files and flipping the executable bit.")
  boolean allowExecBit;

  @Parameters(index = "0", paramLabel = "EDITFILE", description = "The edit; '-' reads stdin.")
  String editFile;

  ApplyCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    if (!Files.isDirectory(repo)) {
      return io.fail(Exit.ENVIRONMENT, "no directory " + repo
          + ": pass --repo the root of the tree the edit is for.");
    }
    String text;
    try {
      text = editFile.equals("-")
          ? new String(io.in().readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(editFile), StandardCharsets.UTF_8);
    } catch (IOException e) {
      String what = editFile.equals("-") ? "standard input" : "the edit file " + editFile;
      return io.fail(Exit.ENVIRONMENT, "could not read " + what + " (" + e
          + "): pass a readable UTF-8 file, or '-' to read stdin.");
    }
    EditGuard guard = EditGuard.builder()
        .allowBinary(allowBinary)
        .allowExecBit(allowExecBit)
        .build();
    ApplyResult result = EditApplier.create(repo, guard).apply(Edit.patch(text));
    if (json) {
      io.out().println(Json.mapper().writerFor(ApplyResult.class).writeValueAsString(result));
    } else if (result instanceof ApplyResult.Applied) {
      printApplied((ApplyResult.Applied) result);
    } else {
      ApplyResult.Rejected r = (ApplyResult.Rejected) result;
      io.err().println(io.styled("@|bold,red rejected|@") + " (" + r.reason() + "): "
          + r.message());
    }
    return result.applied() ? Exit.OK : Exit.REJECTED;
  }

  private void printApplied(ApplyResult.Applied applied) {
    String files = applied.files().stream().map(ApplyCommand::describe)
        .collect(Collectors.joining(", "));
    io.out().println(io.styled("@|bold,green applied|@") + ": " + files);
    for (HunkReport h : applied.hunks()) {
      if (h.level() != MatchLevel.EXACT) {
        io.out().println("  " + h.path() + " hunk " + h.hunk() + " at line " + h.line() + ": "
            + io.styled("@|yellow " + h.level() + "|@"));
      }
    }
  }

  private static String describe(FileChange c) {
    switch (c.kind()) {
      case CREATED:
        return c.path() + " (created)";
      case DELETED:
        return c.path() + " (deleted)";
      case RENAMED:
        return c.oldPath() + " -> " + c.path();
      default:
        return c.path();
    }
  }
}
