package dev.ratchet.edit;

import static dev.ratchet.workspace.ApplyResult.Reason.MALFORMED;

/** Decodes the base85 lines of git's binary patches. */
final class Base85 {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
  private static final int[] VALUE = new int[128];

  static {
    java.util.Arrays.fill(VALUE, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUE[ALPHABET.charAt(i)] = i;
    }
  }

  private Base85() {}

  /** Decodes one line: a length character (A-Z = 1-26, a-z = 27-52) and 5-char groups. */
  static byte[] decodeLine(String line) {
    char lc = line.charAt(0);
    int len;
    if (lc >= 'A' && lc <= 'Z') {
      len = lc - 'A' + 1;
    } else if (lc >= 'a' && lc <= 'z') {
      len = lc - 'a' + 27;
    } else {
      throw new EditRejection(MALFORMED, "A binary patch line has a bad length character.");
    }
    String data = line.substring(1);
    if (data.length() % 5 != 0 || data.length() / 5 * 4 < len) {
      throw new EditRejection(MALFORMED, "A binary patch line has a bad length.");
    }
    byte[] out = new byte[len];
    int o = 0;
    for (int g = 0; g < data.length() && o < len; g += 5) {
      long acc = 0;
      for (int k = 0; k < 5; k++) {
        char c = data.charAt(g + k);
        int v = c < 128 ? VALUE[c] : -1;
        if (v < 0) {
          throw new EditRejection(MALFORMED, "A binary patch line has a bad character.");
        }
        acc = acc * 85 + v;
      }
      for (int k = 3; k >= 0 && o < len; k--) {
        out[o++] = (byte) (acc >>> (8 * k));
      }
    }
    return out;
  }
}
