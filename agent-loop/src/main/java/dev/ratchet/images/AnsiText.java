package dev.ratchet.images;

import java.util.Arrays;

/**
 * Terminal text as a CI log viewer shows it: escape sequences taken out (SGR colour and bold kept
 * as styles when asked), a carriage return starting the line over, tabs expanded, and characters
 * that would print nothing or mislead (controls, bidi overrides, zero-width) replaced by U+FFFD.
 */
final class AnsiText {
  /** The colour of text that no escape sequence coloured. */
  static final int DEFAULT = -1;
  static final int TAB_STOP = 8;
  static final int REPLACEMENT = 0xFFFD;

  private static final int ESC = 0x1B;
  /** Bright, readable on a dark background: GitHub's dark palette, normal then bright. */
  private static final int[] PALETTE = {
    0x484f58, 0xff7b72, 0x3fb950, 0xd29922, 0x58a6ff, 0xbc8cff, 0x39c5cf, 0xb1bac4,
    0x6e7681, 0xffa198, 0x56d364, 0xe3b341, 0x79c0ff, 0xd2a8ff, 0x56d4dd, 0xf0f6fc,
  };

  private AnsiText() {}

  /** The style in force: carried from line to line, as a terminal does. */
  static final class State {
    int rgb = DEFAULT;
    boolean bold;

    State copy() {
      State s = new State();
      s.rgb = rgb;
      s.bold = bold;
      return s;
    }
  }

  /**
   * A line ready to draw: one cell per code point. Only the first {@code stored} cells are kept;
   * {@code length} counts them all.
   */
  record Styled(int[] cells, int[] rgb, boolean[] bold, int stored, int length) {
    static final Styled EMPTY = new Styled(new int[0], new int[0], new boolean[0], 0, 0);
  }

  /** Where scanned code points go. */
  private interface Sink {
    void put(int cp, State style);

    void restart();
  }

  /** The line without escape sequences, for matching; tabs and controls are left as they are. */
  static String strip(String line, State state) {
    StringBuilder out = new StringBuilder(line.length());
    scan(line, state, true, new Sink() {
      @Override
      public void put(int cp, State style) {
        out.appendCodePoint(cp);
      }

      @Override
      public void restart() {
        out.setLength(0);
      }
    });
    return out.toString();
  }

  /**
   * The line as cells, keeping at most {@code keep} of them. {@code state} is the style at the
   * start of the line and is left at the style at its end.
   */
  static Styled style(String line, State state, boolean colours, int keep) {
    int capacity = Math.min(keep, line.length() + TAB_STOP);
    int[][] cells = {new int[Math.max(capacity, 0)]};
    int[][] rgb = {new int[cells[0].length]};
    boolean[][] bold = {new boolean[cells[0].length]};
    int[] length = {0};
    scan(line, state, colours, new Sink() {
      @Override
      public void put(int cp, State style) {
        if (cp == '\t') {
          int spaces = TAB_STOP - length[0] % TAB_STOP;
          for (int i = 0; i < spaces; i++) {
            cell(' ', style);
          }
        } else {
          cell(printable(cp) ? cp : REPLACEMENT, style);
        }
      }

      private void cell(int cp, State style) {
        int at = length[0]++;
        if (at >= keep) {
          return;
        }
        if (at >= cells[0].length) {
          int grown = Math.min(keep, Math.max(16, cells[0].length * 2));
          cells[0] = Arrays.copyOf(cells[0], grown);
          rgb[0] = Arrays.copyOf(rgb[0], grown);
          bold[0] = Arrays.copyOf(bold[0], grown);
        }
        cells[0][at] = cp;
        rgb[0][at] = style.rgb;
        bold[0][at] = style.bold;
      }

      @Override
      public void restart() {
        length[0] = 0;
      }
    });
    int stored = Math.min(length[0], keep);
    return new Styled(cells[0], rgb[0], bold[0], stored, length[0]);
  }

  /** Whether a code point prints something of its own. */
  static boolean printable(int cp) {
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      return false;
    }
    int type = Character.getType(cp);
    return type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.SURROGATE && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR;
  }

  private static void scan(String line, State state, boolean colours, Sink sink) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    int i = 0;
    while (i < end) {
      int cp = line.codePointAt(i);
      if (cp == ESC) {
        i = escape(line, i + 1, end, state, colours);
      } else if (cp == '\r') {
        sink.restart();
        i++;
      } else {
        sink.put(cp, state);
        i += Character.charCount(cp);
      }
    }
  }

  /** Skips one escape sequence that starts after ESC at {@code i}; returns where text resumes. */
  private static int escape(String s, int i, int end, State state, boolean colours) {
    if (i >= end) {
      return end;
    }
    char kind = s.charAt(i);
    if (kind == '[') {
      int j = i + 1;
      while (j < end && s.charAt(j) >= 0x30 && s.charAt(j) <= 0x3F) {
        j++;
      }
      int paramsEnd = j;
      while (j < end && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x2F) {
        j++;
      }
      if (j >= end) {
        return end;
      }
      char last = s.charAt(j);
      if (last == 'm' && paramsEnd == j && colours) {
        sgr(s.substring(i + 1, paramsEnd), state);
      }
      return last >= 0x40 && last <= 0x7E ? j + 1 : j;
    }
    if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') {
      // OSC (titles, hyperlinks), DCS, SOS, PM, APC: up to BEL or ESC \
      for (int j = i + 1; j < end; j++) {
        char c = s.charAt(j);
        if (c == 0x07) {
          return j + 1;
        }
        if (c == ESC && j + 1 < end && s.charAt(j + 1) == '\\') {
          return j + 2;
        }
      }
      return end;
    }
    int j = i;
    while (j < end && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x2F) {
      j++; // intermediates, as in ESC ( B
    }
    return j < end ? j + 1 : end;
  }

  /** Applies Select Graphic Rendition parameters: colours and bold; the rest is ignored. */
  private static void sgr(String params, State state) {
    String[] parts = params.isEmpty() ? new String[] {"0"} : params.split("[;:]", -1);
    int[] codes = new int[parts.length];
    for (int k = 0; k < parts.length; k++) {
      codes[k] = parts[k].isEmpty() ? 0 : parse(parts[k]);
    }
    for (int k = 0; k < codes.length; k++) {
      int c = codes[k];
      if (c == 0) {
        state.rgb = DEFAULT;
        state.bold = false;
      } else if (c == 1) {
        state.bold = true;
      } else if (c == 22) {
        state.bold = false;
      } else if (c >= 30 && c <= 37) {
        state.rgb = PALETTE[c - 30];
      } else if (c >= 90 && c <= 97) {
        state.rgb = PALETTE[c - 90 + 8];
      } else if (c == 39) {
        state.rgb = DEFAULT;
      } else if (c == 38 || c == 48) {
        int[] colour = {DEFAULT};
        k = extended(codes, k, colour);
        if (c == 38 && colour[0] != DEFAULT) {
          state.rgb = colour[0];
        }
      }
    }
  }

  /** Reads {@code 5;n} or {@code 2;r;g;b} after 38 or 48; returns the last index used. */
  private static int extended(int[] codes, int k, int[] colour) {
    if (k + 2 < codes.length && codes[k + 1] == 5) {
      colour[0] = xterm256(codes[k + 2]);
      return k + 2;
    }
    if (k + 4 < codes.length && codes[k + 1] == 2) {
      colour[0] = (clamp(codes[k + 2]) << 16) | (clamp(codes[k + 3]) << 8) | clamp(codes[k + 4]);
      return k + 4;
    }
    return codes.length;
  }

  private static int xterm256(int n) {
    if (n < 0 || n > 255) {
      return DEFAULT;
    }
    if (n < 16) {
      return PALETTE[n];
    }
    if (n < 232) {
      int i = n - 16;
      int[] steps = {0, 95, 135, 175, 215, 255};
      return (steps[i / 36] << 16) | (steps[i / 6 % 6] << 8) | steps[i % 6];
    }
    int grey = 8 + (n - 232) * 10;
    return (grey << 16) | (grey << 8) | grey;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static int parse(String digits) {
    try {
      return digits.length() > 4 ? -1 : Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
