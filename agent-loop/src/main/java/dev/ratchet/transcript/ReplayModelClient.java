package dev.ratchet.transcript;

import dev.ratchet.RatchetException;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * Answers each request with the reply a transcript recorded for the same iteration, so a run can
 * be re-run without a model.
 */
public final class ReplayModelClient implements ModelClient {
  private final List<ModelReply> replies;

  private ReplayModelClient(List<ModelReply> replies) {
    this.replies = List.copyOf(replies);
  }

  /** A client replaying the replies of a transcript file. */
  public static ReplayModelClient of(Path transcript) {
    return of(TranscriptReader.read(transcript));
  }

  /** A client replaying the replies of a read transcript. */
  public static ReplayModelClient of(TranscriptReader.Transcript transcript) {
    return new ReplayModelClient(transcript.replies());
  }

  @Override
  public ModelReply reply(ModelRequest request) {
    int i = request.iteration();
    if (i > replies.size()) {
      throw new RatchetException("The transcript holds " + replies.size() + " replies; the loop"
          + " asked for iteration " + i + ". A replay cannot go further than the recorded run.");
    }
    return replies.get(i - 1);
  }

  @Override
  public String name() {
    return "replay";
  }
}
