package dev.ratchet.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ratchet.sandbox.SandboxUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection to a Docker daemon: the docker-java client, its raw HTTP transport (for the
 * endpoints docker-java gets wrong), and whether the daemon runs on this machine (then its cgroup
 * files can be read from here).
 */
final class DockerEngine implements AutoCloseable {

  static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private final String host;
  private final DockerHttpClient http;
  private final DockerClient client;

  private DockerEngine(String host, Optional<Path> tlsCertDir, Duration connectTimeout) {
    this.host = host;
    DefaultDockerClientConfig.Builder builder =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host);
    tlsCertDir.ifPresent(dir -> builder.withDockerTlsVerify(true)
        .withDockerCertPath(dir.toString()));
    DefaultDockerClientConfig config = builder.build();
    this.http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(64)
            .connectionTimeout(connectTimeout)
            // Deadlines are enforced by killing containers, never by dropping a connection.
            .responseTimeout(Duration.ofHours(24))
            .build();
    this.client = DockerClientImpl.getInstance(config, http);
  }

  /**
   * Connects and pings, giving up after {@code timeout}; a daemon that does not answer is a {@link
   * SandboxUnavailableException} naming the host and what to do.
   */
  static DockerEngine connect(String host, Optional<Path> tlsCertDir, Duration timeout) {
    Objects.requireNonNull(host, "host");
    DockerEngine engine = new DockerEngine(host, tlsCertDir, timeout);
    ExecutorService pinger = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "ratchet-docker-ping");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<?> ping = pinger.submit(() -> engine.client.pingCmd().exec());
      ping.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return engine;
    } catch (TimeoutException e) {
      engine.close();
      throw unavailable(host, "no answer within " + timeout.toMillis() + " ms", e);
    } catch (java.util.concurrent.ExecutionException e) {
      engine.close();
      throw unavailable(host, String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      engine.close();
      throw unavailable(host, "interrupted", e);
    } finally {
      pinger.shutdownNow();
    }
  }

  /** The daemon address from {@code DOCKER_HOST}, or the default socket. */
  static String defaultHost() {
    String env = System.getenv("DOCKER_HOST");
    return env == null || env.isBlank() ? DEFAULT_HOST : env;
  }

  private static SandboxUnavailableException unavailable(String host, String why, Throwable e) {
    return new SandboxUnavailableException(
        "sandbox unavailable: no Docker daemon answers at " + host + " (" + why + "); start one"
            + " (scripts/docker-up does it on Debian as root) or point DOCKER_HOST at a daemon",
        e);
  }

  DockerClient client() {
    return client;
  }

  DockerHttpClient http() {
    return http;
  }

  String host() {
    return host;
  }

  /** Whether the daemon listens on a local unix socket, so it shares this machine's files. */
  boolean local() {
    return URI.create(host).getScheme().equals("unix");
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException | RuntimeException e) {
      // Closing a connection pool that never connected can fail; nothing is left to release.
    }
  }
}
