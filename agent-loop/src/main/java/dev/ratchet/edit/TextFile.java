package dev.ratchet.edit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text file as lines, each with its own line ending, so that editing a CRLF file keeps CRLF and
 * a file without a final newline keeps that.
 */
final class TextFile {
  final List<String> lines;
  final List<String> endings;
  final String dominantEnding;

  private TextFile(List<String> lines, List<String> endings, String dominantEnding) {
    this.lines = lines;
    this.endings = endings;
    this.dominantEnding = dominantEnding;
  }

  static TextFile empty() {
    return new TextFile(new ArrayList<>(), new ArrayList<>(), "\n");
  }

  /** Decodes UTF-8 strictly; returns null for content that is not text. */
  static TextFile decode(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    if (text.indexOf('\0') >= 0) {
      return null;
    }
    return parse(text);
  }

  static TextFile parse(String text) {
    List<String> lines = new ArrayList<>();
    List<String> endings = new ArrayList<>();
    int crlf = 0;
    int lf = 0;
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        lines.add(text.substring(start));
        endings.add("");
        break;
      }
      if (nl > start && text.charAt(nl - 1) == '\r') {
        lines.add(text.substring(start, nl - 1));
        endings.add("\r\n");
        crlf++;
      } else {
        lines.add(text.substring(start, nl));
        endings.add("\n");
        lf++;
      }
      start = nl + 1;
    }
    return new TextFile(lines, endings, crlf > lf ? "\r\n" : "\n");
  }

  boolean endsWithNewline() {
    return lines.isEmpty() || !endings.get(endings.size() - 1).isEmpty();
  }

  String render() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      sb.append(lines.get(i)).append(endings.get(i));
    }
    return sb.toString();
  }

  /** The content with every line ending replaced by {@code ending} (the last one kept as is). */
  byte[] bytesWithEnding(String ending) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      sb.append(lines.get(i)).append(endings.get(i).isEmpty() ? "" : ending);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  byte[] bytes() {
    return render().getBytes(StandardCharsets.UTF_8);
  }
}
