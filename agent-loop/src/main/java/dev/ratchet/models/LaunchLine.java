package dev.ratchet.models;

import dev.ratchet.models.ModelProfile.Serving;
import dev.ratchet.models.ModelProfile.Support;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Writes a serving engine's launch line from a {@link Serving}. */
final class LaunchLine {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private LaunchLine() {}

  static String of(Serving s) {
    List<String> args = new ArrayList<>();
    boolean vllm = s.engine() == ModelProfile.Engine.VLLM;
    if (vllm) {
      args.add("vllm");
      args.add("serve");
      args.add(s.checkpoint());
    } else {
      args.add("python3");
      args.add("-m");
      args.add("sglang.launch_server");
      args.add("--model-path");
      args.add(s.checkpoint());
    }
    if (s.tensorParallelSize() > 1) {
      args.add(vllm ? "--tensor-parallel-size" : "--tp");
      args.add(Integer.toString(s.tensorParallelSize()));
    }
    if (s.trustRemoteCode() == Support.YES) {
      args.add("--trust-remote-code");
    }
    if (!s.tokenizerMode().equals("auto") && !ModelProfile.absent(s.tokenizerMode())) {
      args.add("--tokenizer-mode");
      args.add(s.tokenizerMode());
    }
    if (named(s.toolCallParser())) {
      if (vllm) {
        args.add("--enable-auto-tool-choice");
      }
      args.add("--tool-call-parser");
      args.add(s.toolCallParser());
    }
    if (named(s.reasoningParser())) {
      args.add("--reasoning-parser");
      args.add(s.reasoningParser());
    }
    args.addAll(s.extraArgs());
    StringBuilder line = new StringBuilder();
    for (String a : args) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(quote(a));
    }
    return line.toString();
  }

  private static boolean named(String parser) {
    return !parser.equals(Serving.NONE) && !ModelProfile.absent(parser);
  }

  /** Quotes an argument for a POSIX shell when it holds anything but plain characters. */
  static String quote(String arg) {
    if (PLAIN.matcher(arg).matches()) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
