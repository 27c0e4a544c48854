package dev.ratchet.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.io.CappedOutput;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The runner in a warm container ({@code runner.c}, built into Ratchet's image at {@value #PATH}):
 * one long {@code docker exec} whose stdin takes commands and whose stdout brings their output
 * back, so that a command costs a message instead of an exec (about 40 ms and CPU in dockerd, the
 * shim and runc). The runner kills what each command leaves running, and the command itself with
 * everything it started at its deadline, so the container stays warm after a timeout. It is
 * non-dumpable, so a command cannot reach its pipes through {@code /proc}. A command can kill it:
 * the stream then ends without an end frame, and the command is reported as killed.
 */
final class Runner implements AutoCloseable {

  /** Where the image holds the runner. */
  static final String PATH = "/opt/ratchet/runner";

  /**
   * How long past a command's deadline the host waits for the runner's answer before it gives up
   * on the runner (a command can stop it) and kills the container instead.
   */
  static final long GRACE_MILLIS = 5_000;

  private final OutputStream requests;
  private final Frames frames = new Frames();

  private Runner(OutputStream requests) {
    this.requests = requests;
  }

  /** Starts the runner in the container as {@code user}. */
  static Runner start(DockerClient client, String containerId, String user) throws IOException {
    // An OS pipe, not java.io's piped streams: those break ("Pipe broken") once the last thread
    // that wrote has ended, and a session is used by whatever threads come along.
    Pipe pipe = Pipe.open();
    OutputStream requests = Channels.newOutputStream(pipe.sink());
    InputStream stdin = Channels.newInputStream(pipe.source());
    String execId = client.execCreateCmd(containerId)
        .withCmd(PATH)
        .withUser(user)
        .withEnv(List.of())
        .withWorkingDir("/")
        .withAttachStdin(true)
        .withAttachStdout(true)
        .withAttachStderr(true)
        .withTty(false)
        .exec()
        .getId();
    Runner runner = new Runner(requests);
    client.execStartCmd(execId).withDetach(false).withTty(false).withStdIn(stdin)
        .exec(runner.frames);
    return runner;
  }

  /** Whether the runner still answers (it ends when a command kills it). */
  boolean alive() {
    return !frames.ended;
  }

  /**
   * Runs one command, its output into {@code stdout} and {@code stderr}, and the runner kills it
   * at {@code deadlineMillis}; returns its exit code (128 + signal when killed,
   * {@link Container#KILLED} when it hit the deadline or the runner itself was killed).
   *
   * @throws TimeoutException when the runner does not answer within the deadline and
   *     {@link #GRACE_MILLIS}
   */
  Container.Ended run(ExecSpec spec, CappedOutput stdout, CappedOutput stderr,
      long deadlineMillis) throws IOException, TimeoutException, InterruptedException {
    CompletableFuture<Container.Ended> done = frames.expect(stdout, stderr);
    requests.write(request(spec, deadlineMillis));
    requests.flush();
    try {
      return done.get(deadlineMillis + GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return new Container.Ended(Container.KILLED, false);
    }
  }

  private static byte[] request(ExecSpec spec, long deadlineMillis) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeBytes("RRQ2");
    writeList(out, spec.argv());
    List<String> env = new ArrayList<>();
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      env.add(e.getKey() + "=" + e.getValue());
    }
    writeList(out, env);
    writeString(out, spec.workdir());
    out.writeInt((int) Math.min(Math.max(deadlineMillis, 1), 0xffff_fffeL));
    return bytes.toByteArray();
  }

  private static void writeList(DataOutputStream out, List<String> items) throws IOException {
    out.writeInt(items.size());
    for (String s : items) {
      writeString(out, s);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** Ends the session: the runner exits when its stdin closes. */
  @Override
  public void close() {
    try {
      requests.close();
    } catch (IOException e) {
      // The stream is gone with the container.
    }
    frames.end();
  }

  /** Parses the runner's stdout into output and end frames, for the command in flight. */
  private static final class Frames extends ResultCallback.Adapter<Frame> {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private CappedOutput stdout;
    private CappedOutput stderr;
    private CompletableFuture<Container.Ended> done;
    private volatile boolean ended;

    synchronized CompletableFuture<Container.Ended> expect(CappedOutput out, CappedOutput err) {
      this.stdout = out;
      this.stderr = err;
      this.done = new CompletableFuture<>();
      if (ended) {
        done.completeExceptionally(new IOException("the runner has ended"));
      }
      return done;
    }

    @Override
    public synchronized void onNext(Frame frame) {
      switch (frame.getStreamType()) {
        case STDOUT, RAW -> {
          pending.write(frame.getPayload(), 0, frame.getPayload().length);
          parse();
        }
        case STDERR -> {
          // The runner's own complaints (a broken request): part of the command's errors.
          if (stderr != null) {
            stderr.write(frame.getPayload(), 0, frame.getPayload().length);
          }
        }
        default -> { }
      }
    }

    private void parse() {
      byte[] b = pending.toByteArray();
      int at = 0;
      while (true) {
        if (b.length - at >= 6 && b[at] == 'O') {
          int len = readInt(b, at + 2);
          if (b.length - at - 6 < len) {
            break;
          }
          CappedOutput target = b[at + 1] == 1 ? stdout : stderr;
          if (target != null) {
            target.write(b, at + 6, len);
          }
          at += 6 + len;
        } else if (b.length - at >= 5 && (b[at] == 'X' || b[at] == 'T')) {
          boolean timedOut = b[at] == 'T';
          int code = readInt(b, at + 1);
          at += 5;
          if (done != null) {
            done.complete(new Container.Ended(timedOut ? Container.KILLED : code, timedOut));
          }
        } else if (b.length - at >= 1 && b[at] != 'O' && b[at] != 'X' && b[at] != 'T') {
          end(); // not the protocol: trust nothing more from this stream
          return;
        } else {
          break;
        }
      }
      pending.reset();
      pending.write(b, at, b.length - at);
    }

    private static int readInt(byte[] b, int at) {
      return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
          | (b[at + 3] & 0xff);
    }

    @Override
    public void onComplete() {
      end();
    }

    @Override
    public void onError(Throwable throwable) {
      end();
    }

    synchronized void end() {
      ended = true;
      if (done != null && !done.isDone()) {
        done.completeExceptionally(new IOException("the runner ended"));
      }
    }
  }
}
