package dev.ratchet.llm;

/** How a model sends its actions. */
public enum Channel {
  /** Native tool calls ({@code tools} and {@code tool_calls}). */
  TOOLS,
  /** Structured output: {@code response_format} with a strict JSON schema of the actions. */
  JSON_SCHEMA,
  /** Plain text: fenced diffs or search/replace blocks, read by the patch parser. */
  TEXT,
  /** Probe the server on first use and take the first that works: tools, then JSON, then text. */
  AUTO
}
