package dev.ratchet.models;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.edit.EditDistance;
import dev.ratchet.models.ModelProfile.CodingScores;
import dev.ratchet.models.ModelProfile.Deployment;
import dev.ratchet.models.ModelProfile.Engine;
import dev.ratchet.models.ModelProfile.Modalities;
import dev.ratchet.models.ModelProfile.Parameters;
import dev.ratchet.models.ModelProfile.Serving;
import dev.ratchet.models.ModelProfile.Source;
import dev.ratchet.models.ModelProfile.Support;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads and writes the catalog format, strictly: an unknown field, a missing required one or a
 * value of the wrong kind is an {@link IllegalArgumentException} naming the entry and the field.
 */
final class CatalogJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private CatalogJson() {}

  /** Parses a catalog; {@code origin} names the file in messages. */
  static List<ModelProfile> read(String json, String origin) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new IllegalArgumentException(origin + ": not valid JSON" + where + " ("
          + e.getOriginalMessage() + "): fix the syntax");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(origin + ": the top level is not an object: write"
          + " {\"models\": [ ... ]}");
    }
    Obj top = new Obj(root, origin, "");
    top.optionalText("about", "");
    JsonNode models = top.required("models");
    top.done();
    if (!models.isArray()) {
      throw new IllegalArgumentException(origin + ": field 'models' is not an array: write"
          + " \"models\": [ {entry}, ... ]");
    }
    List<ModelProfile> out = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      JsonNode entry = models.get(i);
      JsonNode id = entry.get("id");
      String where = origin + ": entry " + (i + 1)
          + (id != null && id.isTextual() ? " ('" + id.asText() + "')" : "");
      if (!entry.isObject()) {
        throw new IllegalArgumentException(where + ": not an object: write {\"id\": ..., ...}");
      }
      out.add(entry(new Obj(entry, where, "")));
    }
    return out;
  }

  private static ModelProfile entry(Obj e) {
    String id = e.text("id");
    String family = e.text("family");
    String name = e.text("name");
    String huggingFaceId = e.text("huggingFaceId");
    String licence = e.text("licence");

    Obj m = e.obj("modalities");
    Modalities modalities = m.build(() -> new Modalities(m.text("input"), m.text("output"),
        m.support("images"), m.support("video"), m.support("audio")));

    Obj p = e.obj("parameters");
    Parameters parameters = p.build(() -> new Parameters(p.text("total"), p.text("active"),
        p.text("architecture")));

    String context = e.text("context");

    Obj s = e.obj("scores");
    CodingScores scores = s.build(() -> new CodingScores(s.text("sweBenchVerified"),
        s.text("liveCodeBench"), s.text("terminalBench"), s.text("humanEval"), s.text("mbpp"),
        s.text("codeforces"), s.optionalText("evidence", "")));

    Support toolCalling = e.support("toolCalling");

    Obj v = e.obj("serving");
    Serving serving = v.build(() -> new Serving(v.engine("engine"),
        v.optionalText("checkpoint", huggingFaceId), v.optionalInt("tensorParallelSize", 1),
        v.text("toolCallParser"), v.text("reasoningParser"), v.text("tokenizerMode"),
        v.support("trustRemoteCode"), v.optionalTexts("extraArgs")));

    Deployment deployment = deployment(e);
    List<String> notes = e.optionalTexts("notes");

    List<Source> sources = new ArrayList<>();
    JsonNode list = e.required("sources");
    if (!list.isArray()) {
      throw e.fail("field 'sources' is not an array: write [{\"ref\": ..., \"covers\": ...}]");
    }
    for (int i = 0; i < list.size(); i++) {
      Obj src = e.element(list.get(i), "sources[" + i + "]");
      sources.add(src.build(() -> new Source(src.text("ref"), src.text("covers"))));
    }
    e.done();
    return e.build(() -> new ModelProfile(id, family, name, huggingFaceId, licence, modalities,
        parameters, context, scores, toolCalling, serving, deployment, notes, sources));
  }

  private static Deployment deployment(Obj e) {
    JsonNode node = e.required("deployment");
    if (node.isTextual() && node.asText().equals(ModelProfile.UNSPECIFIED)) {
      return new Deployment.Unspecified();
    }
    if (!node.isObject()) {
      throw e.fail("field 'deployment' is neither \"" + ModelProfile.UNSPECIFIED + "\" nor an"
          + " object {\"gpu\", \"count\", \"unitPriceUsd\", \"estimatedCostUsd\"}");
    }
    Obj d = e.element(node, "deployment");
    return d.build(() -> new Deployment.Gpus(d.text("gpu"), d.integer("count"),
        d.longValue("unitPriceUsd"), d.longValue("estimatedCostUsd")));
  }

  /** Writes profiles in the format {@link #read} reads. */
  static String write(List<ModelProfile> profiles) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ArrayNode models = root.putArray("models");
    for (ModelProfile p : profiles) {
      ObjectNode e = models.addObject();
      e.put("id", p.id());
      e.put("family", p.family());
      e.put("name", p.name());
      e.put("huggingFaceId", p.huggingFaceId());
      e.put("licence", p.licence());
      ObjectNode m = e.putObject("modalities");
      m.put("input", p.modalities().input());
      m.put("output", p.modalities().output());
      m.put("images", p.modalities().images().word());
      m.put("video", p.modalities().video().word());
      m.put("audio", p.modalities().audio().word());
      ObjectNode params = e.putObject("parameters");
      params.put("total", p.parameters().total());
      params.put("active", p.parameters().active());
      params.put("architecture", p.parameters().architecture());
      e.put("context", p.context());
      ObjectNode s = e.putObject("scores");
      s.put("sweBenchVerified", p.scores().sweBenchVerified());
      s.put("liveCodeBench", p.scores().liveCodeBench());
      s.put("terminalBench", p.scores().terminalBench());
      s.put("humanEval", p.scores().humanEval());
      s.put("mbpp", p.scores().mbpp());
      s.put("codeforces", p.scores().codeforces());
      s.put("evidence", p.scores().evidence());
      e.put("toolCalling", p.toolCalling().word());
      Serving sv = p.serving();
      ObjectNode v = e.putObject("serving");
      v.put("engine", sv.engine().word());
      v.put("checkpoint", sv.checkpoint());
      v.put("tensorParallelSize", sv.tensorParallelSize());
      v.put("toolCallParser", sv.toolCallParser());
      v.put("reasoningParser", sv.reasoningParser());
      v.put("tokenizerMode", sv.tokenizerMode());
      v.put("trustRemoteCode", sv.trustRemoteCode().word());
      sv.extraArgs().forEach(v.putArray("extraArgs")::add);
      if (p.deployment() instanceof Deployment.Gpus) {
        Deployment.Gpus g = (Deployment.Gpus) p.deployment();
        ObjectNode d = e.putObject("deployment");
        d.put("gpu", g.gpu());
        d.put("count", g.count());
        d.put("unitPriceUsd", g.unitPriceUsd());
        d.put("estimatedCostUsd", g.estimatedCostUsd());
      } else {
        e.put("deployment", ModelProfile.UNSPECIFIED);
      }
      p.notes().forEach(e.putArray("notes")::add);
      ArrayNode sources = e.putArray("sources");
      for (Source src : p.sources()) {
        sources.addObject().put("ref", src.ref()).put("covers", src.covers());
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write a JSON tree", e);
    }
  }

  /** One JSON object being read: remembers the fields asked for, to refuse the others. */
  private static final class Obj {
    private final JsonNode node;
    private final String where;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    Obj(JsonNode node, String where, String path) {
      this.node = node;
      this.where = where;
      this.path = path;
    }

    Obj obj(String field) {
      JsonNode n = required(field);
      if (!n.isObject()) {
        throw fail("field '" + qualified(field) + "' is not an object");
      }
      return element(n, qualified(field));
    }

    Obj element(JsonNode n, String elementPath) {
      if (!n.isObject()) {
        throw fail("'" + elementPath + "' is not an object");
      }
      return new Obj(n, where, elementPath);
    }

    JsonNode required(String field) {
      known.add(field);
      JsonNode n = node.get(field);
      if (n == null || n.isNull()) {
        String typo = null;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          String present = it.next();
          if (!present.equals(field) && distance(present, field) <= 2) {
            typo = present;
          }
        }
        throw fail("missing required field '" + qualified(field) + "'"
            + (typo == null ? "" : " (is '" + qualified(typo) + "' a misspelling of it?)")
            + ": add it; the built-in catalog.json shows every field");
      }
      return n;
    }

    String text(String field) {
      JsonNode n = required(field);
      if (!n.isTextual()) {
        throw fail("field '" + qualified(field) + "' is not a string: quote the value");
      }
      return n.asText();
    }

    String optionalText(String field, String fallback) {
      known.add(field);
      return node.has(field) ? text(field) : fallback;
    }

    int integer(String field) {
      JsonNode n = required(field);
      if (!n.canConvertToInt() || !n.isIntegralNumber()) {
        throw fail("field '" + qualified(field) + "' is not a whole number");
      }
      return n.intValue();
    }

    int optionalInt(String field, int fallback) {
      known.add(field);
      return node.has(field) ? integer(field) : fallback;
    }

    long longValue(String field) {
      JsonNode n = required(field);
      if (!n.canConvertToLong() || !n.isIntegralNumber()) {
        throw fail("field '" + qualified(field) + "' is not a whole number");
      }
      return n.longValue();
    }

    List<String> optionalTexts(String field) {
      known.add(field);
      if (!node.has(field)) {
        return List.of();
      }
      JsonNode n = node.get(field);
      if (!n.isArray()) {
        throw fail("field '" + qualified(field) + "' is not an array of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode item : n) {
        if (!item.isTextual()) {
          throw fail("field '" + qualified(field) + "' holds a value that is not a string");
        }
        out.add(item.asText());
      }
      return out;
    }

    Support support(String field) {
      String word = text(field);
      for (Support s : Support.values()) {
        if (s.word().equals(word)) {
          return s;
        }
      }
      throw fail("field '" + qualified(field) + "' is '" + word + "': write yes, no or unknown");
    }

    Engine engine(String field) {
      String word = text(field);
      for (Engine en : Engine.values()) {
        if (en.word().equals(word)) {
          return en;
        }
      }
      throw fail("field '" + qualified(field) + "' is '" + word + "': write vllm or sglang");
    }

    /** Refuses fields nobody asked for. */
    void done() {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!known.contains(field)) {
          String hint = closest(field);
          throw fail("unknown field '" + qualified(field) + "'"
              + (hint == null ? "" : " (did you mean '" + qualified(hint) + "'?)")
              + "; the fields here are: " + String.join(", ", known));
        }
      }
    }

    /** Runs a record constructor, naming this object's path in its complaint. */
    <T> T build(Supplier<T> constructor) {
      T value;
      try {
        value = constructor.get();
      } catch (NullPointerException e) {
        throw fail("missing value for '" + qualified(String.valueOf(e.getMessage())) + "'");
      } catch (IllegalArgumentException e) {
        if (String.valueOf(e.getMessage()).startsWith(where)) {
          throw e;
        }
        throw fail((path.isEmpty() ? "" : path + ".") + e.getMessage());
      }
      done();
      return value;
    }

    IllegalArgumentException fail(String message) {
      return new IllegalArgumentException(where + ": " + message);
    }

    private String qualified(String field) {
      return path.isEmpty() ? field : path + "." + field;
    }

    private String closest(String field) {
      String best = null;
      int bestDistance = 3;
      for (String k : known) {
        int d = distance(field, k);
        if (d < bestDistance) {
          best = k;
          bestDistance = d;
        }
      }
      return best;
    }

    /** The edit distance between two field names, ignoring case. */
    private static int distance(String first, String second) {
      return EditDistance.between(first.toLowerCase(Locale.ROOT),
          second.toLowerCase(Locale.ROOT));
    }
  }
}
