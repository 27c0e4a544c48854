package dev.ratchet.sandbox.docker;

import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.sandbox.SandboxUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Spreads sandbox sessions over several Docker daemons: each {@link #openSession} goes to the
 * daemon with the fewest sessions open (ties in turn), so that evaluation workers run on as many
 * hosts as there are. A daemon that fails to open a session is left out from then on and the
 * session opens on another; when none is left, {@link SandboxUnavailableException}.
 *
 * <pre>{@code
 * try (SandboxPool pool = SandboxPool.builder(image)
 *     .host("unix:///var/run/docker.sock")
 *     .host("tcp://build-2.internal:2376", Path.of("/etc/ratchet/build-2-certs"))   // TLS
 *     .build()) {
 *   CompletionEval.run(problems, completer, options, env,
 *       mounts -> pool.openSession(mounts, options.limits()), results, progress);
 * }
 * }</pre>
 *
 * <p>Bind mounts name paths on the daemon's machine. A remote daemon therefore needs the same
 * paths as this one: the toolchains, the cargo caches and the work directories (a shared file
 * system, or hosts prepared alike). Each daemon needs the image; build it on each ({@code ratchet
 * image build}) or load it from a saved copy.
 */
public final class SandboxPool implements AutoCloseable {

  private final List<Member> members;
  private int next;

  private SandboxPool(List<DockerSandbox> sandboxes) {
    this.members = sandboxes.stream().map(Member::new).toList();
  }

  /** A pool over sandboxes built elsewhere; the pool closes them. */
  public static SandboxPool of(List<DockerSandbox> sandboxes) {
    if (sandboxes.isEmpty()) {
      throw new IllegalArgumentException("a pool needs at least one Docker host");
    }
    return new SandboxPool(List.copyOf(sandboxes));
  }

  /** A builder of a pool whose daemons all run {@code image}. */
  public static Builder builder(String image) {
    return new Builder(image);
  }

  /**
   * A warm session on the least busy daemon that works. Close it to free its place.
   *
   * @throws SandboxUnavailableException when no daemon of the pool can open one
   */
  public Sandbox openSession(List<Mount> mounts, Limits limits) {
    List<String> failures = new ArrayList<>();
    while (true) {
      Member member = pick();
      if (member == null) {
        throw new SandboxUnavailableException("no Docker host of the pool can open a sandbox: "
            + String.join("; ", failures));
      }
      try {
        member.sandbox.ping();
        return new PooledSession(member, member.sandbox.openSession(mounts, limits));
      } catch (RuntimeException e) {
        failures.add(member.sandbox.dockerHost() + ": " + e.getMessage());
        member.down(e);
      }
    }
  }

  /** The daemons, in the order given. */
  public List<String> hosts() {
    return members.stream().map(m -> m.sandbox.dockerHost()).toList();
  }

  /** Sessions opened so far on each daemon (a daemon may appear twice under two addresses). */
  public synchronized Map<String, Integer> sessionsOpened() {
    Map<String, Integer> opened = new LinkedHashMap<>();
    members.forEach(m -> opened.merge(m.sandbox.dockerHost(), m.opened, Integer::sum));
    return opened;
  }

  /** The daemons left out after a failure, with why. */
  public synchronized Map<String, String> down() {
    Map<String, String> down = new LinkedHashMap<>();
    members.stream().filter(m -> m.down.isPresent())
        .forEach(m -> down.put(m.sandbox.dockerHost(), m.down.get()));
    return down;
  }

  private synchronized Member pick() {
    Member best = null;
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get((next + i) % members.size());
      if (m.down.isEmpty() && (best == null || m.open < best.open)) {
        best = m;
      }
    }
    if (best != null) {
      best.open++;
      best.opened++;
      next = (members.indexOf(best) + 1) % members.size();
    }
    return best;
  }

  private synchronized void released(Member member) {
    member.open--;
  }

  /** Closes every daemon's sandbox; one that is down cannot be cleaned up and is let go. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (Member m : members) {
      try {
        m.sandbox.close();
      } catch (RuntimeException e) {
        boolean down;
        synchronized (this) {
          down = m.down.isPresent();
        }
        if (!down) {
          first = first == null ? e : first;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** One daemon and its bookkeeping (guarded by the pool). */
  private final class Member {
    final DockerSandbox sandbox;
    int open;
    int opened;
    Optional<String> down = Optional.empty();

    Member(DockerSandbox sandbox) {
      this.sandbox = sandbox;
    }

    void down(RuntimeException why) {
      synchronized (SandboxPool.this) {
        open--;
        down = Optional.of(String.valueOf(why.getMessage()));
      }
    }
  }

  /** A session that frees its daemon's place when closed. */
  private final class PooledSession implements Sandbox {
    private final Member member;
    private final Sandbox session;
    private boolean closed;

    PooledSession(Member member, Sandbox session) {
      this.member = member;
      this.session = session;
    }

    @Override
    public ExecResult exec(ExecSpec spec) {
      return session.exec(spec);
    }

    @Override
    public String name() {
      return "docker-pool:" + member.sandbox.dockerHost();
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        try {
          session.close();
        } finally {
          released(member);
        }
      }
    }
  }

  /** Builds a {@link SandboxPool}: one {@link DockerSandbox} per host, alike but for the host. */
  public static final class Builder {
    private final String image;
    private final List<DockerSandbox.Builder> hosts = new ArrayList<>();
    private UnaryOperator<DockerSandbox.Builder> settings = UnaryOperator.identity();

    private Builder(String image) {
      this.image = Objects.requireNonNull(image, "image");
    }

    /** A daemon by address: {@code unix:///path} or {@code tcp://host:port} (plain). */
    public Builder host(String dockerHost) {
      hosts.add(DockerSandbox.builder(image).dockerHost(dockerHost));
      return this;
    }

    /** A daemon reached over TLS with the certificates in {@code certDir}. */
    public Builder host(String dockerHost, Path certDir) {
      hosts.add(DockerSandbox.builder(image).dockerHost(dockerHost).tls(certDir));
      return this;
    }

    /** Settings every host's sandbox gets (user, seccomp, runtime...). */
    public Builder configure(UnaryOperator<DockerSandbox.Builder> each) {
      this.settings = Objects.requireNonNull(each, "each");
      return this;
    }

    /**
     * Connects to every daemon; fails, closing what it opened, when one does not answer (a
     * pool is configured on purpose: a host missing at the start is an error to fix).
     */
    public SandboxPool build() {
      if (hosts.isEmpty()) {
        throw new IllegalArgumentException("name at least one Docker host");
      }
      List<DockerSandbox> built = new ArrayList<>();
      try {
        for (DockerSandbox.Builder host : hosts) {
          built.add(settings.apply(host).build());
        }
      } catch (RuntimeException e) {
        built.forEach(DockerSandbox::close);
        throw e;
      }
      return new SandboxPool(built);
    }
  }
}
