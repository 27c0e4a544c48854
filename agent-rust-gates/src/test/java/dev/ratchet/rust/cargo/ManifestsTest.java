package dev.ratchet.rust.cargo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {

  @TempDir Path root;

  private void write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static final String PACKAGE = "[package]\nname = \"x\"\nversion = \"0.1.0\"\n";

  @Test
  void check_acceptsTheFixtureCrates() {
    assertThat(Manifests.check(Golden.dir("fixtures"))).isEmpty();
  }

  @Test
  void check_acceptsRegistryVersionsAndPathsInsideTheTree() throws IOException {
    write("Cargo.toml", "[workspace]\nmembers = [\"crates/*\", \"tools/gen\"]\n"
        + "[workspace.dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\n"
        + "core-x = { path = \"crates/core\" }\n");
    write("crates/app/Cargo.toml", PACKAGE + "build = \"build.rs\"\n[dependencies]\n"
        + "core-x = { path = \"../core\" }\nserde.workspace = true\nrand = \"0.8\"\n"
        + "[dependencies.log]\nversion = \"0.4\"\n"
        + "[[test]]\nname = \"it\"\npath = \"tests/it.rs\"\n");
    write("crates/core/Cargo.toml", PACKAGE);
    write("tools/gen/Cargo.toml", PACKAGE + "[lib]\npath = \"src/gen.rs\"\n");

    assertThat(Manifests.check(root)).isEmpty();
  }

  @Test
  void check_refusesGitSources_inEveryDependencyTable() throws IOException {
    String git = "{ git = \"https://example.com/x.git\" }";
    write("Cargo.toml", PACKAGE + "[dependencies]\na = " + git + "\n[dev-dependencies]\nb = "
        + git + "\n[build-dependencies]\nc = " + git + "\n[target.'cfg(unix)'.dependencies]\n"
        + "d = " + git + "\n[workspace.dependencies]\ne = " + git + "\n[dependencies.f]\n"
        + "git = \"https://example.com/f.git\"\nbranch = \"main\"\n");

    List<ManifestViolation> violations = Manifests.check(root);

    assertThat(violations).extracting(ManifestViolation::file, ManifestViolation::key)
        .containsExactlyInAnyOrder(tuple("Cargo.toml", "dependencies.a.git"),
            tuple("Cargo.toml", "dependencies.f.git"),
            tuple("Cargo.toml", "dev-dependencies.b.git"),
            tuple("Cargo.toml", "build-dependencies.c.git"),
            tuple("Cargo.toml", "target.'cfg(unix)'.dependencies.d.git"),
            tuple("Cargo.toml", "workspace.dependencies.e.git"));
    assertThat(violations.get(0).message()).isEqualTo("dependency `a` comes from git"
        + " (https://example.com/x.git); builds run offline from pre-fetched crates.io packages:"
        + " depend on a published version instead, such as a = \"1\"");
  }

  @Test
  void check_allowsGitSources_whenTheRulesSaySo() throws IOException {
    write("Cargo.toml", PACKAGE + "[dependencies]\na = { git = \"https://example.com/a\" }\n");

    assertThat(Manifests.check(root, ManifestRules.strict().withGitSourcesAllowed())).isEmpty();
  }

  @Test
  void check_refusesOtherRegistriesAndPathBases() throws IOException {
    write("Cargo.toml", PACKAGE + "[dependencies]\na = { version = \"1\", registry = \"corp\" }\n"
        + "b = { version = \"1\", registry-index = \"https://corp.example/index\" }\n"
        + "c = { base = \"shared\", path = \"c\" }\n");

    assertThat(Manifests.check(root)).extracting(ManifestViolation::key).containsExactly(
        "dependencies.a.registry", "dependencies.b.registry-index", "dependencies.c.base");
  }

  @Test
  void check_refusesPathsThatLeaveTheTree() throws IOException {
    write("Cargo.toml", "[workspace]\nmembers = [\"../elsewhere\", \"crates/*/../../..\"]\n");
    write("crates/a/Cargo.toml", "[package]\nname = \"a\"\nversion = \"0.1.0\"\n"
        + "build = \"../../../build.rs\"\nworkspace = \"../../..\"\n"
        + "[lib]\npath = \"/tmp/lib.rs\"\n[[bin]]\nname = \"b\"\npath = \"../../../b.rs\"\n"
        + "[dependencies]\netc = { path = \"/etc\" }\nup = { path = \"../../../other\" }\n"
        + "sib = { path = \"../b\" }\n");

    assertThat(Manifests.check(root)).extracting(ManifestViolation::file,
        ManifestViolation::key).containsExactlyInAnyOrder(
            tuple("Cargo.toml", "workspace.members[0]"),
            tuple("Cargo.toml", "workspace.members[1]"),
            tuple("crates/a/Cargo.toml", "package.build"),
            tuple("crates/a/Cargo.toml", "package.workspace"),
            tuple("crates/a/Cargo.toml", "lib.path"),
            tuple("crates/a/Cargo.toml", "bin[0].path"),
            tuple("crates/a/Cargo.toml", "dependencies.etc.path"),
            tuple("crates/a/Cargo.toml", "dependencies.up.path"));
    assertThat(Manifests.check(root)).filteredOn(v -> v.key().equals("dependencies.etc.path"))
        .singleElement().extracting(ManifestViolation::message).isEqualTo("`/etc` is an absolute"
            + " path: the path of dependency `etc` must be a relative path inside the workspace");
  }

  @Test
  void check_refusesPathsThroughSymlinks() throws IOException {
    Path outside = Files.createTempDirectory("ratchet-outside");
    try {
      write("Cargo.toml", PACKAGE + "[dependencies]\nv = { path = \"vendor/v\" }\n");
      Files.createSymbolicLink(root.resolve("vendor"), outside);

      assertThat(Manifests.check(root)).singleElement().satisfies(v -> {
        assertThat(v.key()).isEqualTo("dependencies.v.path");
        assertThat(v.message()).isEqualTo("`vendor/v` goes through the symlink `vendor`: the"
            + " path of dependency `v` must not go through symlinks");
      });
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void check_refusesPatchAndReplace_unlessAllowed_andStillChecksTheirSources()
      throws IOException {
    write("Cargo.toml", PACKAGE + "[patch.crates-io]\nserde = { path = \"serde\" }\n"
        + "rand = { git = \"https://example.com/rand\" }\n[replace]\n"
        + "\"log:0.4.0\" = { path = \"/opt/log\" }\n");

    assertThat(Manifests.check(root)).extracting(ManifestViolation::key)
        .containsExactly("patch", "replace");
    assertThat(Manifests.check(root, ManifestRules.strict().withPatchAllowed()))
        .extracting(ManifestViolation::key)
        .containsExactly("patch.crates-io.rand.git", "replace.'log:0.4.0'.path");
  }

  @Test
  void check_reportsAManifestThatDoesNotParse() throws IOException {
    write("Cargo.toml", PACKAGE + "[dependencies\nserde = \"1\"\n");

    assertThat(Manifests.check(root)).singleElement().satisfies(v -> {
      assertThat(v.key()).isEmpty();
      assertThat(v.message()).startsWith("Cargo.toml does not parse: ");
    });
  }

  @Test
  void check_refusesASymlinkedManifest_withoutReadingIt() throws IOException {
    Path elsewhere = Files.createTempFile("ratchet-manifest", ".toml");
    try {
      Files.writeString(elsewhere, PACKAGE + "[dependencies]\na = { git = \"https://x\" }\n");
      Files.createSymbolicLink(root.resolve("Cargo.toml"), elsewhere);

      assertThat(Manifests.check(root)).singleElement().extracting(ManifestViolation::message)
          .asString().startsWith("Cargo.toml is a symlink or not a regular file");
    } finally {
      Files.delete(elsewhere);
    }
  }

  @Test
  void check_refusesAManifestOverTheCap() throws IOException {
    write("Cargo.toml", PACKAGE + "# " + "x".repeat((int) Manifests.MAX_MANIFEST_BYTES) + "\n");

    assertThat(Manifests.check(root)).singleElement().extracting(ManifestViolation::message)
        .asString().startsWith("Cargo.toml is larger than 1048576 bytes");
  }

  @Test
  void check_skipsTargetAndGit_butRefusesMembersThatPointThere() throws IOException {
    String evil = PACKAGE + "[dependencies]\na = { git = \"https://x\" }\n";
    write("target/package/x/Cargo.toml", evil);
    write(".git/x/Cargo.toml", evil);
    write("Cargo.toml", "[workspace]\nmembers = [\"target/package/x\"]\n");

    assertThat(Manifests.check(root)).singleElement().satisfies(v -> {
      assertThat(v.key()).isEqualTo("workspace.members[0]");
      assertThat(v.message()).startsWith("`target/package/x` leads into a target/ directory");
    });
  }

  @Test
  void harnessFalseTargets_namesTheDeclaredTargets() throws IOException {
    write("Cargo.toml", "[package]\nname = \"my-lib\"\nversion = \"0.1.0\"\n"
        + "[lib]\nharness = false\n[[test]]\nname = \"custom\"\nharness = false\n"
        + "[[test]]\nname = \"plain\"\n[[bench]]\nname = \"speed\"\nharness = false\n");

    assertThat(Manifests.harnessFalseTargets(root))
        .containsExactlyInAnyOrder("my_lib", "custom", "speed");
    assertThat(Manifests.harnessFalseTargets(Golden.dir("fixtures")))
        .containsExactlyInAnyOrder("custom", "parse");
  }
}
