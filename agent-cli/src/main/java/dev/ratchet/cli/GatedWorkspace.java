package dev.ratchet.cli;

import dev.ratchet.git.GitWorkspace;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustImage;
import dev.ratchet.sandbox.docker.DockerSandbox;
import java.nio.file.Path;

/**
 * What the commands that judge a crate share: a loop workspace over the repository, the Docker
 * sandbox, and one warm session whose mounts are the cargo environment's for that workspace.
 */
final class GatedWorkspace implements AutoCloseable {

  final GitWorkspace workspace;
  final DockerSandbox docker;
  final DockerSandbox.Session session;

  private GatedWorkspace(GitWorkspace workspace, DockerSandbox docker,
      DockerSandbox.Session session) {
    this.workspace = workspace;
    this.docker = docker;
    this.session = session;
  }

  /** The sandbox image: the one asked for, or Ratchet's, built with progress lines if missing. */
  static String image(Io io, String requested) {
    if (requested != null) {
      return requested;
    }
    return RustImage.ensure(line -> {
      io.err().println(io.styled("@|faint image:|@ ") + line);
      io.err().flush();
    });
  }

  static GatedWorkspace open(Path repo, GitWorkspace.OnAccept onAccept,
      CargoEnvironment environment, String image) {
    GitWorkspace workspace = GitWorkspace.builder(repo).onAccept(onAccept).open();
    DockerSandbox docker = null;
    try {
      docker = DockerSandbox.builder(image).build();
      return new GatedWorkspace(workspace, docker,
          docker.openSession(environment.mounts(workspace.root()), environment.limits()));
    } catch (RuntimeException e) {
      if (docker != null) {
        docker.close();
      }
      workspace.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      session.close();
      docker.close();
    } finally {
      workspace.close();
    }
  }
}
