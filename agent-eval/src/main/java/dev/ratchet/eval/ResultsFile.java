package dev.ratchet.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.transcript.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A results file: JSON lines, one {@link EvalResult} each, appended and flushed as each problem
 * ends, so a crash loses at most the problem in flight and a rerun skips what is done. A torn last
 * line (the process died mid-write) is ignored on reading and dropped by the next append.
 */
public final class ResultsFile {

  private static final ObjectMapper JSON = Json.mapper();

  private final Path path;

  private ResultsFile(Path path) {
    this.path = path;
  }

  /** The file at {@code path} (created on the first append). */
  public static ResultsFile at(Path path) {
    return new ResultsFile(path);
  }

  /** Where it is. */
  public Path path() {
    return path;
  }

  /** Appends one result as one line, durably. */
  public synchronized void append(EvalResult result) {
    try {
      String line = JSON.writerFor(EvalResult.class).writeValueAsString(result) + "\n";
      if (path.toAbsolutePath().getParent() != null) {
        Files.createDirectories(path.toAbsolutePath().getParent());
      }
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long end = completeLinesEnd(channel);
        channel.truncate(end);
        channel.position(end);
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(false);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a result as JSON", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + path, e);
    }
  }

  /**
   * Where the last complete line ends: the file's size, or less when a crash left a torn line at
   * the end (it is dropped before the next append, which would otherwise glue onto it).
   */
  private static long completeLinesEnd(FileChannel channel) throws IOException {
    long size = channel.size();
    ByteBuffer chunk = ByteBuffer.allocate(8192);
    long at = size;
    while (at > 0) {
      int n = (int) Math.min(chunk.capacity(), at);
      chunk.clear().limit(n);
      channel.read(chunk, at - n);
      for (int i = n - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          return at - n + i + 1;
        }
      }
      at -= n;
    }
    return 0;
  }

  /** Every complete result line; empty when the file does not exist. */
  public List<EvalResult> read() {
    if (!Files.exists(path)) {
      return List.of();
    }
    List<EvalResult> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(JSON.readValue(line, EvalResult.class));
        } catch (JsonProcessingException e) {
          if (i < lines.size() - 1) {
            throw new IllegalStateException(path + " line " + (i + 1) + " is not a result: "
                + e.getOriginalMessage(), e);
          }
          // The last line was torn by a crash: that problem runs again.
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** The ids already done for a suite and model (a rerun skips them). */
  public Set<String> done(String suite, String model) {
    Set<String> ids = new HashSet<>();
    for (EvalResult r : read()) {
      if (r.suite().equals(suite) && r.model().equals(model)) {
        ids.add(r.id());
      }
    }
    return ids;
  }
}
