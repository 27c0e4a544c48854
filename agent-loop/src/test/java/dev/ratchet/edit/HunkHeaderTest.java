package dev.ratchet.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.workspace.ApplyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hunk headers as models write them, including absurd ones, never escape as exceptions. */
class HunkHeaderTest {

  @TempDir Path root;

  @Test
  void apply_placesTheHunkByContent_whenItsLineNumberIsTooLargeForAnInt() throws Exception {
    Files.writeString(root.resolve("lib.rs"), "fn a() {\n    1\n}\n");

    ApplyResult result = EditApplier.create(root, EditGuard.defaults()).apply(Edit.patch(
        "--- a/lib.rs\n+++ b/lib.rs\n@@ -99999999999,3 +99999999999,3 @@\n fn a() {\n-    1\n"
            + "+    2\n }\n"));

    assertThat(result.applied()).as(String.valueOf(result)).isTrue();
    assertThat(root.resolve("lib.rs")).hasContent("fn a() {\n    2\n}\n");
  }
}
