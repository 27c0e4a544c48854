package dev.ratchet.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.RatchetException;
import dev.ratchet.engine.ResumePoint;
import dev.ratchet.gate.GateResult;
import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.policy.Decision;
import dev.ratchet.workspace.Checkpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a transcript back into events; a torn last line (a crash mid-write) is ignored. */
public final class TranscriptReader {
  private TranscriptReader() {}

  /** Reads every complete event of a transcript. */
  public static Transcript read(Path file) {
    List<LoopEvent> events = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    long lastSeq = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      List<String> lines = new ArrayList<>();
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
      for (String l : lines) {
        number++;
        if (l.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.mapper().readTree(l);
          events.add(Json.mapper().treeToValue(node.get("event"), LoopEvent.class));
        } catch (IOException | RuntimeException e) {
          if (number == lines.size()) {
            break; // torn write at the end: the run crashed while writing it
          }
          throw new RatchetException("Line " + number + " of the transcript " + file
              + " is not a Ratchet event: " + e.getMessage(), e);
        }
        lastSeq = node.path("seq").asLong(lastSeq + 1);
        times.add(Instant.parse(node.path("at").asText(Instant.EPOCH.toString())));
      }
    } catch (IOException e) {
      throw new RatchetException("Could not read the transcript " + file + ": " + e.getMessage(),
          e);
    }
    return new Transcript(events, times, lastSeq);
  }

  /**
   * The events of one transcript, with what a resume or a replay needs derived from them.
   *
   * @param events the events in order
   * @param times when each event was written
   * @param lastSeq the sequence number of the last event
   */
  public record Transcript(List<LoopEvent> events, List<Instant> times, long lastSeq) {
    /** Copies the lists. */
    public Transcript {
      events = List.copyOf(events);
      times = List.copyOf(times);
    }

    /** The first run-started event. */
    public LoopEvent.RunStarted start() {
      return events.stream().filter(LoopEvent.RunStarted.class::isInstance)
          .map(LoopEvent.RunStarted.class::cast).findFirst()
          .orElseThrow(() -> new RatchetException("The transcript has no RunStarted event."));
    }

    /** The task of the run. */
    public Task task() {
      return start().task();
    }

    /** The run id. */
    public String runId() {
      return start().runId();
    }

    /** The base checkpoint. */
    public Checkpoint base() {
      return start().base();
    }

    /** The final result, when the run finished. */
    public Optional<LoopResult> result() {
      return events.stream().filter(LoopEvent.LoopFinished.class::isInstance)
          .map(e -> ((LoopEvent.LoopFinished) e).result()).reduce((a, b) -> b);
    }

    /**
     * The model reply of each iteration, in iteration order (for an iteration a crash interrupted
     * and a resume redid, the later reply).
     */
    public List<ModelReply> replies() {
      java.util.TreeMap<Integer, ModelReply> byIteration = new java.util.TreeMap<>();
      for (LoopEvent e : events) {
        if (e instanceof LoopEvent.ReplyReceived r) {
          byIteration.put(r.iteration(), r.reply());
        }
      }
      return List.copyOf(byIteration.values());
    }

    /** The gate results of each iteration (0 = baseline), latest run of each iteration winning. */
    public java.util.Map<Integer, List<GateResult>> gateResults() {
      java.util.Map<Integer, List<GateResult>> byIteration = new java.util.TreeMap<>();
      int current = -1;
      for (LoopEvent e : events) {
        if (e instanceof LoopEvent.GateFinished g) {
          if (g.iteration() != current) {
            byIteration.put(g.iteration(), new ArrayList<>());
            current = g.iteration();
          }
          byIteration.get(g.iteration()).add(g.result());
        } else if (e instanceof LoopEvent.IterationStarted || e instanceof LoopEvent.RunStarted) {
          current = -1;
        }
      }
      return byIteration;
    }

    /** Where a resumed run picks up: every decided iteration and what it spent. */
    public ResumePoint resumePoint() {
      List<GateResult> baseline = new ArrayList<>();
      List<Iteration> iterations = new ArrayList<>();
      List<Decision> decisions = new ArrayList<>();
      TokenUsage tokens = TokenUsage.ZERO;
      for (LoopEvent e : events) {
        if (e instanceof LoopEvent.GateFinished g && g.iteration() == 0
            && iterations.isEmpty()) {
          baseline.add(g.result());
        } else if (e instanceof LoopEvent.IterationDecided d
            && d.iteration() == iterations.size() + 1) {
          iterations.add(d.record());
          decisions.add(d.decision());
          tokens = tokens.plus(d.record().reply().usage());
        }
      }
      Duration elapsed = times.isEmpty() ? Duration.ZERO
          : Duration.between(times.get(0), times.get(times.size() - 1));
      return new ResumePoint(baseline, iterations, decisions, tokens, elapsed);
    }
  }
}
