package dev.ratchet.rust;

import dev.ratchet.rust.cargo.ManifestRules;
import dev.ratchet.rust.cargo.ManifestViolation;
import dev.ratchet.rust.cargo.Manifests;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The manifest rules a gate enforces on the host before anything builds: no git or URL sources,
 * {@code path} dependencies only inside the tree, no {@code [patch]} or {@code [replace]}, unless
 * allowed.
 */
record ManifestPolicy(ManifestRules rules) {

  ManifestPolicy {
    Objects.requireNonNull(rules, "rules");
  }

  static ManifestPolicy strict() {
    return new ManifestPolicy(ManifestRules.strict());
  }

  /** One sentence per violation, for a model; empty when the manifests are acceptable. */
  List<String> check(Path root) {
    return Manifests.check(root, rules).stream().map(ManifestViolation::toString).toList();
  }
}
