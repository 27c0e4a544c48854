package dev.ratchet.sandbox.docker;

import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ratchet.sandbox.SandboxUnavailableException;
import dev.ratchet.sandbox.io.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes sandbox images from local material, with no registry: a recipe writes a root filesystem,
 * which is streamed as a tar into the daemon's import endpoint (docker-java's own import sends the
 * stream as JSON and fails, so the raw transport is used). Images carry Ratchet's labels and the
 * recipe's content key: the same inputs never build twice.
 */
public final class ImageBuilder implements AutoCloseable {

  private final DockerEngine engine;
  private final Consumer<String> progress;

  private ImageBuilder(DockerEngine engine, Consumer<String> progress) {
    this.engine = engine;
    this.progress = progress;
  }

  /** Connects to the daemon at {@code DOCKER_HOST} or the local socket. */
  public static ImageBuilder connect(Consumer<String> progress) {
    return connect(DockerEngine.defaultHost(), progress);
  }

  /** Connects to the given daemon. */
  public static ImageBuilder connect(String dockerHost, Consumer<String> progress) {
    return new ImageBuilder(DockerEngine.connect(dockerHost, java.util.Optional.empty(),
        Duration.ofSeconds(5)),
        Objects.requireNonNull(progress, "progress"));
  }

  /** The image id of an image built from this recipe's inputs, if the daemon has one. */
  public Optional<String> find(ImageRecipe recipe) {
    List<Image> images = engine.client().listImagesCmd()
        .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.IMAGE_KEY, recipe.contentKey()))
        .exec();
    return images.stream().map(Image::getId).findFirst();
  }

  /**
   * Returns the recipe's image name, building it first unless the daemon already holds an image
   * with the recipe's content key (then it is only tagged, if needed).
   */
  public String ensure(ImageRecipe recipe) {
    Optional<String> existing = find(recipe);
    if (existing.isPresent()) {
      String[] repoTag = splitTag(recipe.image());
      engine.client().tagImageCmd(existing.get(), repoTag[0], repoTag[1]).withForce(true).exec();
      return recipe.image();
    }
    build(recipe);
    return recipe.image();
  }

  /** Builds the image now, whether or not one with the same inputs exists. */
  public String build(ImageRecipe recipe) {
    long start = System.nanoTime();
    Path dir;
    try {
      dir = Files.createTempDirectory("ratchet-rootfs");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the root filesystem", e);
    }
    try {
      recipe.writeRootfs(dir.resolve("rootfs"), progress);
      Path rootfs = dir.resolve("rootfs");
      Files.createDirectories(rootfs.resolve("tmp"));
      // Docker copies the image's /tmp owner and mode onto the tmpfs mounted over it.
      Files.setPosixFilePermissions(rootfs.resolve("tmp"),
          PosixFilePermissions.fromString("rwxrwxrwx"));
      setSticky(rootfs.resolve("tmp"));
      progress.accept("importing " + recipe.image() + " into the Docker daemon");
      String id = importTar(rootfs, recipe);
      progress.accept(String.format("built %s (%s) in %.1f s", recipe.image(),
          id.substring(0, Math.min(19, id.length())), (System.nanoTime() - start) / 1e9));
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("building " + recipe.image() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building " + recipe.image(), e);
    } finally {
      SafeFiles.deleteTree(dir);
    }
  }

  private String importTar(Path rootfs, ImageRecipe recipe) throws IOException,
      InterruptedException {
    String[] repoTag = splitTag(recipe.image());
    StringBuilder path = new StringBuilder("/images/create?fromSrc=-")
        .append("&repo=").append(encode(repoTag[0]))
        .append("&tag=").append(encode(repoTag[1]));
    for (String change : List.of(
        "LABEL " + Labels.MANAGED + "=true",
        "LABEL " + Labels.IMAGE_KEY + "=" + recipe.contentKey(),
        "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "CMD [\"/bin/sh\"]")) {
      path.append("&changes=").append(encode(change));
    }
    // System tar keeps owners, modes, hard links and device nodes exactly as debootstrap made them.
    Process tar = new ProcessBuilder("tar", "--numeric-owner", "-C", rootfs.toString(), "-cf",
        "-", ".").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.POST)
        .path(path.toString())
        .putHeader("Content-Type", "application/x-tar")
        .body(tar.getInputStream())
        .build();
    String body;
    int status;
    try (DockerHttpClient.Response response = engine.http().execute(request);
        InputStream in = response.getBody()) {
      status = response.getStatusCode();
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int tarExit = tar.waitFor();
    if (status != 200 || body.contains("\"error")) {
      throw new SandboxUnavailableException("the Docker daemon refused to import "
          + recipe.image() + " (HTTP " + status + "): " + body.strip());
    }
    if (tarExit != 0) {
      throw new IllegalStateException("tar of the root filesystem failed with exit " + tarExit);
    }
    int at = body.indexOf("sha256:");
    return at < 0 ? body.strip() : body.substring(at, Math.min(body.length(), at + 71));
  }

  private static void setSticky(Path dir) throws IOException, InterruptedException {
    // NIO cannot set the sticky bit; chmod can.
    Process chmod = new ProcessBuilder("chmod", "1777", dir.toString()).start();
    if (chmod.waitFor() != 0) {
      throw new IOException("chmod 1777 " + dir + " failed");
    }
  }

  private static String[] splitTag(String image) {
    int colon = image.lastIndexOf(':');
    if (colon < 0 || image.indexOf('/', colon) >= 0) {
      return new String[] {image, "latest"};
    }
    return new String[] {image.substring(0, colon), image.substring(colon + 1)};
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    engine.close();
  }
}
