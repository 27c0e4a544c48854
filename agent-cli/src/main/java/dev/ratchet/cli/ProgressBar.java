package dev.ratchet.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long command on stderr, with rate and time left. On a terminal one line is
 * redrawn in place ({@code [#######.............] 37/150  2.4 problems/s  ETA 47 s}); elsewhere
 * (a log, a pipe) a line is printed at each tenth of the way, and for every step that comes with
 * a note, so logs stay short and keep what matters.
 */
final class ProgressBar {
  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final boolean redraw;
  private final String unit;
  private final long start = System.nanoTime();
  private int lastTenth = -1;
  private boolean drawn;

  ProgressBar(PrintWriter err, boolean redraw, String unit) {
    this.err = err;
    this.redraw = redraw;
    this.unit = unit;
  }

  /** A bar on the command's stderr, redrawn when stderr is a terminal. */
  static ProgressBar on(Io io, String unit) {
    return new ProgressBar(io.err(), System.console() != null, unit);
  }

  /** {@code done} of {@code total} finished; {@code note} (may be empty) says about the last. */
  synchronized void update(int done, int total, String note) {
    String line = render(done, total, (System.nanoTime() - start) / 1e9, unit);
    if (redraw) {
      if (!note.isEmpty()) {
        err.print("\r\033[K" + note + "\n");
      }
      err.print("\r\033[K" + line);
      drawn = true;
    } else {
      int tenth = total == 0 ? 10 : done * 10 / total;
      if (!note.isEmpty() || tenth != lastTenth || done == total) {
        err.println(note.isEmpty() ? line : line + "  " + note);
        lastTenth = tenth;
      }
    }
    err.flush();
  }

  /** Ends the redrawn line, if any. */
  synchronized void finish() {
    if (drawn) {
      err.println();
      err.flush();
      drawn = false;
    }
  }

  /** The bar's text after {@code seconds}: count, rate, and time left once a rate is known. */
  static String render(int done, int total, double seconds, String unit) {
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
    String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "[%s] %d/%d", bar, done,
        total));
    if (done > 0 && seconds > 0) {
      double perMinute = done * 60 / seconds;
      out.append(perMinute >= 60
          ? String.format(Locale.ROOT, "  %.1f %s/s", perMinute / 60, unit)
          : String.format(Locale.ROOT, "  %.1f %s/min", perMinute, unit));
      if (done < total) {
        out.append("  ETA ").append(duration(seconds / done * (total - done)));
      } else {
        out.append("  in ").append(duration(seconds));
      }
    }
    return out.toString();
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
  }
}
