package dev.ratchet.images;

import dev.ratchet.RatchetException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the frames of a flamegraph SVG, treating the SVG as hostile: no DTD, no entity but XML's
 * five and character references, nothing fetched, bounded size, element count and depth.
 */
final class FlamegraphSvg {
  /** The largest SVG read, in characters. */
  static final int MAX_CHARS = 20 * 1024 * 1024;
  /** The most elements read. */
  static final int MAX_ELEMENTS = 1_000_000;
  /** The deepest element nesting read. */
  static final int MAX_DEPTH = 256;

  private static final String INFERNO_NS = "http://github.com/jonhoo/inferno";
  private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE", Pattern.CASE_INSENSITIVE);
  private static final Pattern ENTITY = Pattern.compile("<!ENTITY", Pattern.CASE_INSENSITIVE);
  private static final Pattern SPACES = Pattern.compile("\\s+");
  /**
   * {@code name (1,234 samples, 12.34%)}; the name may itself hold parentheses, so the last
   * parenthesised group that fits is the count. Differential graphs add {@code ; +1.2%}.
   */
  private static final Pattern TITLE = Pattern.compile(
      "(.*) \\((\\d[\\d,]*(?:\\.\\d+)?) ([^\\d(),;][^(),;]*?)"
          + "(?:, (-?\\d+(?:\\.\\d+)?)%)?(?:;[^()]*)?\\)",
      Pattern.DOTALL);

  private FlamegraphSvg() {}

  /** One frame as drawn: its title's name and count, and its box. */
  record Box(String name, long samples, double x, double width, double y) {}

  /** Parses the frames of {@code svg}, in document order. */
  static List<Box> read(String svg) {
    if (svg.length() > MAX_CHARS) {
      throw refused(String.format(java.util.Locale.ROOT,
          "it has %,d characters, over the limit of %,d; profile a shorter run or raise "
              + "flamegraph.pl's --minwidth so that fewer frames are drawn",
          svg.length(), MAX_CHARS));
    }
    refuseDtdSubset(svg);
    XMLStreamReader reader;
    try {
      reader = factory().createXMLStreamReader(new StringReader(svg));
    } catch (XMLStreamException e) {
      throw refused("it cannot be read as XML: " + e.getMessage(), e);
    }
    try {
      return frames(reader);
    } catch (XMLStreamException e) {
      throw refused("it is not well-formed XML: " + oneLine(e.getMessage()), e);
    } finally {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing is held open: the input is a string
      }
    }
  }

  /** The name, count and count name of a title, or empty when it is not a frame's title. */
  static Optional<Title> title(String text) {
    String flat = SPACES.matcher(text.strip()).replaceAll(" ");
    Matcher m = TITLE.matcher(flat);
    if (!m.matches()) {
      return Optional.empty();
    }
    double count = Double.parseDouble(m.group(2).replace(",", ""));
    return Optional.of(new Title(m.group(1), Math.round(count)));
  }

  /** A frame title's parts. */
  record Title(String name, long samples) {}

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setXMLResolver((publicId, systemId, base, namespace) -> {
      throw new XMLStreamException("refused to resolve " + systemId + ": nothing is fetched");
    });
    return factory;
  }

  /**
   * Refuses a DOCTYPE with an internal subset before the parser sees it: that is where entities
   * (external ones, or the billion laughs) are declared. flamegraph.pl and inferno write a DOCTYPE
   * that names the SVG 1.1 DTD by URL; that one is allowed and never loaded.
   */
  private static void refuseDtdSubset(String svg) {
    if (ENTITY.matcher(svg).find()) {
      throw refused("it declares an entity (<!ENTITY ...>); flamegraphs declare none, and "
          + "entities can read files or fetch URLs");
    }
    Matcher m = DOCTYPE.matcher(svg);
    while (m.find()) {
      char quote = 0;
      for (int i = m.end(); i < svg.length(); i++) {
        char c = svg.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '[') {
          throw refused("its DOCTYPE has an internal subset (<!DOCTYPE svg [ ... ]>); "
              + "flamegraphs have none, and one can declare entities that read files");
        } else if (c == '>') {
          break;
        }
      }
    }
  }

  private static List<Box> frames(XMLStreamReader reader) throws XMLStreamException {
    List<Box> boxes = new ArrayList<>();
    Deque<Group> groups = new ArrayDeque<>();
    int depth = 0;
    int elements = 0;
    StringBuilder titleText = null;
    while (reader.hasNext()) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.DTD:
          if (reader.getText().contains("[")) {
            throw refused("its DOCTYPE has an internal subset");
          }
          break;
        case XMLStreamConstants.ENTITY_REFERENCE:
          throw refused("it references the entity &" + reader.getLocalName() + ";");
        case XMLStreamConstants.START_ELEMENT: {
          depth++;
          elements++;
          if (elements > MAX_ELEMENTS) {
            throw refused(String.format(java.util.Locale.ROOT,
                "it has more than %,d elements", MAX_ELEMENTS));
          }
          if (depth > MAX_DEPTH) {
            throw refused("its elements nest deeper than " + MAX_DEPTH);
          }
          String name = reader.getLocalName();
          if (depth == 1 && !name.equals("svg")) {
            throw refused("its root element is <" + name + ">, not <svg>");
          }
          Group top = groups.peek();
          boolean childOfGroup = top != null && top.depth == depth - 1;
          if (name.equals("g")) {
            groups.push(new Group(depth));
          } else if (childOfGroup && name.equals("title") && top.title == null) {
            titleText = new StringBuilder();
          } else if (childOfGroup && name.equals("rect") && !top.hasRect) {
            top.rect(reader);
          }
          break;
        }
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          if (titleText != null) {
            titleText.append(reader.getText());
          }
          break;
        case XMLStreamConstants.END_ELEMENT: {
          String name = reader.getLocalName();
          Group top = groups.peek();
          if (titleText != null && name.equals("title")) {
            if (top != null) {
              top.title = titleText.toString();
            }
            titleText = null;
          } else if (name.equals("g") && top != null && top.depth == depth) {
            groups.pop();
            top.box().ifPresent(boxes::add);
          }
          depth--;
          break;
        }
        default:
          break;
      }
    }
    return boxes;
  }

  /** A {@code <g>} being read. */
  private static final class Group {
    final int depth;
    String title;
    boolean hasRect;
    double x = Double.NaN;
    double width = Double.NaN;
    double y = Double.NaN;
    double fgX = Double.NaN;
    double fgW = Double.NaN;

    Group(int depth) {
      this.depth = depth;
    }

    void rect(XMLStreamReader reader) {
      hasRect = true;
      for (int i = 0; i < reader.getAttributeCount(); i++) {
        String local = reader.getAttributeLocalName(i);
        String ns = reader.getAttributeNamespace(i);
        String prefix = reader.getAttributePrefix(i);
        String value = reader.getAttributeValue(i);
        boolean inferno = INFERNO_NS.equals(ns) || "fg".equals(prefix);
        if (inferno && local.equals("x")) {
          fgX = number(value);
        } else if (inferno && local.equals("w")) {
          fgW = number(value);
        } else if (ns == null || ns.isEmpty()) {
          switch (local) {
            case "x" -> x = number(value);
            case "y" -> y = number(value);
            case "width" -> width = number(value);
            default -> { }
          }
        }
      }
    }

    Optional<Box> box() {
      if (title == null || !hasRect) {
        return Optional.empty();
      }
      Optional<Title> parsed = title(title);
      if (parsed.isEmpty()) {
        return Optional.empty();
      }
      // inferno's fg:x and fg:w are exact, in samples; x and width are rounded pixels or percent
      boolean exact = !Double.isNaN(fgX) && !Double.isNaN(fgW);
      double left = exact ? fgX : x;
      double wide = exact ? fgW : width;
      if (Double.isNaN(left) || Double.isNaN(wide) || Double.isNaN(y) || wide < 0) {
        return Optional.empty();
      }
      return Optional.of(new Box(parsed.get().name(), parsed.get().samples(), left, wide, y));
    }
  }

  private static double number(String value) {
    String v = value.strip();
    if (v.endsWith("%")) {
      v = v.substring(0, v.length() - 1).strip();
    }
    if (v.endsWith("px")) {
      v = v.substring(0, v.length() - 2).strip();
    }
    try {
      double d = Double.parseDouble(v);
      return Double.isFinite(d) ? d : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String oneLine(String message) {
    return message == null ? "" : SPACES.matcher(message).replaceAll(" ").strip();
  }

  static RatchetException refused(String why) {
    return new RatchetException("flamegraph SVG refused: " + why);
  }

  private static RatchetException refused(String why, Throwable cause) {
    return new RatchetException("flamegraph SVG refused: " + why, cause);
  }
}
