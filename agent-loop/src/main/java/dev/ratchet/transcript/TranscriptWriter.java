package dev.ratchet.transcript;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ratchet.RatchetException;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.loop.LoopListener;
import java.io.IOException;
import java.io.OutputStream;
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

  /** Writes one line, streamed to the file: no copy of the event as a tree or a string. */
  @Override
  public synchronized void onEvent(LoopEvent event) {
    try (JsonGenerator line = Json.mapper().getFactory().createGenerator(out)) {
      line.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      line.writeStartObject();
      line.writeNumberField("seq", ++seq);
      line.writeStringField("at", clock.instant().toString());
      line.writeFieldName("event");
      Json.mapper().writerFor(LoopEvent.class).writeValue(line, event);
      line.writeEndObject();
      line.writeRaw('\n');
      line.flush();
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
