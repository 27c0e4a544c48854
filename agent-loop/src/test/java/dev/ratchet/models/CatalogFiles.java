package dev.ratchet.models;

/** Small catalog files for tests: one valid minimal entry to break in one place at a time. */
final class CatalogFiles {
  private CatalogFiles() {}

  /** A valid entry with only the required fields. */
  static String entry() {
    return """
        {
          "id": "my-model",
          "family": "My family",
          "name": "My model",
          "huggingFaceId": "example/my-model",
          "licence": "Apache-2.0",
          "modalities": {"input": "image+text", "output": "text",
                         "images": "yes", "video": "no", "audio": "unknown"},
          "parameters": {"total": "7B", "active": "7B", "architecture": "dense"},
          "context": "32K",
          "scores": {"sweBenchVerified": "unspecified", "liveCodeBench": "unspecified",
                     "terminalBench": "unspecified", "humanEval": "HumanEval 50.0",
                     "mbpp": "unspecified", "codeforces": "unspecified"},
          "toolCalling": "unknown",
          "serving": {"engine": "vllm", "toolCallParser": "unknown", "reasoningParser": "none",
                      "tokenizerMode": "auto", "trustRemoteCode": "no"},
          "deployment": "unspecified",
          "sources": [{"ref": "https://example.org/card", "covers": "everything"}]
        }
        """;
  }

  /** A catalog file holding the given entries. */
  static String catalog(String... entries) {
    return "{\"models\": [" + String.join(",\n", entries) + "]}";
  }
}
