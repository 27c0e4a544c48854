package dev.ratchet.eval.rank;

/** HTML text escaping: every string from a file or catalog goes through {@link #escape}. */
final class Html {
  private Html() {}

  /** The text with {@code & < > " '} replaced by entities: safe in elements and attributes. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          b.append("&amp;");
          break;
        case '<':
          b.append("&lt;");
          break;
        case '>':
          b.append("&gt;");
          break;
        case '"':
          b.append("&quot;");
          break;
        case '\'':
          b.append("&#39;");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }
}
