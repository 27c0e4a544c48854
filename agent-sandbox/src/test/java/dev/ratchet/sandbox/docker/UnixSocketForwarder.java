package dev.ratchet.sandbox.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second address for the local Docker daemon: a unix socket that forwards every connection to
 * {@code /var/run/docker.sock}, counting them. Two addresses of one daemon stand in for two hosts
 * (no network is involved); closing the forwarder takes its "host" down.
 */
final class UnixSocketForwarder implements AutoCloseable {
  private final Path socket;
  private final Path target;
  private final ServerSocketChannel server;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<SocketChannel> channels = new CopyOnWriteArrayList<>();
  private volatile boolean open = true;

  UnixSocketForwarder(Path socket, Path target) {
    this.socket = socket;
    this.target = target;
    try {
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "forwarder-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The address to give docker-java: {@code unix:///...}. */
  String dockerHost() {
    return "unix://" + socket;
  }

  /** Connections forwarded so far. */
  int connections() {
    return connections.get();
  }

  private void accept() {
    while (open) {
      try {
        SocketChannel client = server.accept();
        SocketChannel daemon = SocketChannel.open(UnixDomainSocketAddress.of(target));
        connections.incrementAndGet();
        channels.add(client);
        channels.add(daemon);
        pump(client, daemon);
        pump(daemon, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pump(SocketChannel from, SocketChannel to) {
    Thread t = new Thread(() -> {
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      try {
        while (from.read(buffer) >= 0) {
          buffer.flip();
          while (buffer.hasRemaining()) {
            to.write(buffer);
          }
          buffer.clear();
        }
        to.shutdownOutput();
      } catch (IOException e) {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "forwarder-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // already closed by the other side
    }
  }

  /** Stops listening and cuts every forwarded connection, as a host that goes down would. */
  @Override
  public void close() {
    open = false;
    channels.forEach(UnixSocketForwarder::closeQuietly);
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
