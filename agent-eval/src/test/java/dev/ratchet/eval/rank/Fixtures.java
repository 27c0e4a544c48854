package dev.ratchet.eval.rank;

import dev.ratchet.eval.EvalResult;
import dev.ratchet.eval.ResultsFile;
import dev.ratchet.models.ModelCatalog;
import dev.ratchet.models.ModelProfile;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The results files and catalog under {@code src/test/resources/rank/}. */
final class Fixtures {
  private Fixtures() {}

  /** A fixture file's path. */
  static Path path(String name) {
    URL url = Fixtures.class.getResource("/rank/" + name);
    if (url == null) {
      throw new IllegalStateException("no test resource rank/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The results of the named files, in order, read as {@code ratchet rank} reads them. */
  static List<EvalResult> results(String... names) {
    List<EvalResult> all = new ArrayList<>();
    for (String name : names) {
      all.addAll(ResultsFile.at(path(name)).read());
    }
    return all;
  }

  /** The three-model test catalog: alpha-27b, beta-vl, gamma. */
  static ModelCatalog catalog() {
    return ModelCatalog.load(path("catalog.json"));
  }

  /** One entry of the test catalog. */
  static ModelProfile profile(String id) {
    return catalog().find(id).orElseThrow();
  }
}
