package dev.ratchet.images;

import dev.ratchet.RatchetException;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The JDK's logical monospaced font at one size, and its cell metrics. Fails with a message that
 * names the package to install when the JVM finds no font at all (a bare container without
 * fontconfig fonts), instead of the JDK's own errors or boxes.
 */
final class MonoFont {
  static final String INSTALL_HINT = "install a TrueType font, e.g. on Debian or Ubuntu "
      + "`apt-get install fontconfig fonts-dejavu-core`, on Alpine `apk add fontconfig ttf-dejavu`";

  final Font plain;
  final Font bold;
  final int cellWidth;
  final int ascent;
  final int textHeight;

  private MonoFont(Font plain, Font bold, FontMetrics metrics) {
    this.plain = plain;
    this.bold = bold;
    this.cellWidth = metrics.charWidth('M');
    this.ascent = metrics.getAscent();
    this.textHeight = metrics.getHeight();
  }

  /** The monospaced font at {@code size} points. */
  static MonoFont of(int size) {
    Availability.check();
    Font plain = new Font(Font.MONOSPACED, Font.PLAIN, size);
    Font bold = plain.deriveFont(Font.BOLD);
    Graphics2D g = scratch();
    try {
      return new MonoFont(plain, bold, g.getFontMetrics(plain));
    } finally {
      g.dispose();
    }
  }

  /** Applies the hints every drawing uses, so that measuring and drawing agree. */
  static void hints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
        RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
  }

  private static Graphics2D scratch() {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    hints(g);
    return g;
  }

  /** Checks once per JVM that a font can be found and measured. */
  private static final class Availability {
    private static final String PROBLEM = probe();

    static void check() {
      if (PROBLEM != null) {
        throw new RatchetException("cannot render a CI screenshot: " + PROBLEM + "; "
            + INSTALL_HINT);
      }
    }

    private static String probe() {
      try {
        String[] families =
            GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        if (families.length == 0) {
          return "the JVM found no fonts";
        }
        Font font = new Font(Font.MONOSPACED, Font.PLAIN, 13);
        if (!font.canDisplay('M')) {
          return "the monospaced font cannot display Latin letters";
        }
        Graphics2D g = scratch();
        try {
          FontMetrics metrics = g.getFontMetrics(font);
          if (metrics.charWidth('M') <= 0 || metrics.getHeight() <= 0) {
            return "the monospaced font has no usable metrics";
          }
          if (metrics.charWidth('M') != metrics.charWidth('i')) {
            return "the JVM's monospaced font (" + font.getFontName() + ") is not monospaced";
          }
        } finally {
          g.dispose();
        }
        return null;
      } catch (VirtualMachineError e) {
        throw e;
      } catch (RuntimeException | Error e) {
        // without fonts the JDK throws errors such as "Fontconfig head is null"
        return "the JVM cannot load a font (" + e + ")";
      }
    }
  }
}
