package dev.ratchet.rust.cargo;

/**
 * What {@link Manifests#check} lets through beyond its strict default.
 *
 * @param allowPatch whether {@code [patch]} and {@code [replace]} sections are allowed (their
 *     entries are still checked like dependencies)
 * @param allowGitSources whether {@code git = "..."} dependencies are allowed (they need the
 *     network, so only where dependencies are fetched before the sandbox goes offline)
 */
public record ManifestRules(boolean allowPatch, boolean allowGitSources) {

  /** Nothing beyond registry versions and path dependencies inside the tree. */
  public static ManifestRules strict() {
    return new ManifestRules(false, false);
  }

  /** These rules with {@code [patch]} and {@code [replace]} allowed. */
  public ManifestRules withPatchAllowed() {
    return new ManifestRules(true, allowGitSources);
  }

  /** These rules with git dependencies allowed. */
  public ManifestRules withGitSourcesAllowed() {
    return new ManifestRules(allowPatch, true);
  }
}
