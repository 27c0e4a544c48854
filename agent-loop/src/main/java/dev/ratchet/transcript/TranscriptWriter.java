package dev.ratchet.transcript;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.RatchetException;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.loop.LoopListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * Writes every loop event as one JSON line, flushed as it happens, so a crashed run can be resumed
 * and any run replayed. Appends when the file exists (a resumed run continues its transcript).
 *
 * <p>Each line is {@code {"seq":N,"at":"<instant>","event":{"type":"ReplyReceived",...}}}.
 */
public final class TranscriptWriter implements LoopListener, AutoCloseable {
  private final OutputStream out;
  private final Clock clock;
  private long seq;

  private TranscriptWriter(OutputStream out, Clock clock, long seq) {
    this.out = out;
    this.clock = clock;
    this.seq = seq;
  }

  /** Opens (or continues) a transcript file. */
  public static TranscriptWriter open(Path file, Clock clock) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      long existing = Files.exists(file) ? TranscriptReader.read(file).lastSeq() : 0;
      OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      return new TranscriptWriter(out, clock, existing);
    } catch (IOException e) {
      throw new RatchetException("Could not open the transcript " + file + ": " + e.getMessage(),
          e);
    }
  }

  /** Opens a transcript file with the system clock. */
  public static TranscriptWriter open(Path file) {
    return open(file, Clock.systemUTC());
  }

  @Override
  public synchronized void onEvent(LoopEvent event) {
    ObjectNode line = Json.mapper().createObjectNode();
    line.put("seq", ++seq);
    line.put("at", clock.instant().toString());
    line.set("event", Json.mapper().valueToTree(event));
    try {
      byte[] bytes = (Json.mapper().writeValueAsString(line) + "\n")
          .getBytes(StandardCharsets.UTF_8);
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new RatchetException("Could not write the transcript: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new RatchetException("Could not close the transcript: " + e.getMessage(), e);
    }
  }
}
