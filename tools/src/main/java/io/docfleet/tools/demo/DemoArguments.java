package io.docfleet.tools.demo;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a demo's command line into an {@link Env} of option names: flags ({@code --keep}) become
 * {@code "true"}, valued options take {@code --name value} or {@code --name=value}, the last one
 * given wins, and anything else fails naming the argument.
 */
final class DemoArguments {
  private DemoArguments() {}

  static Env parse(List<String> args, Set<String> flags, Set<String> valued) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (flags.contains(arg)) {
        given.put(arg, "true");
      } else if (valued.contains(name) && eq >= 0) {
        given.put(name, arg.substring(eq + 1));
      } else if (valued.contains(name) && i + 1 < args.size()) {
        given.put(name, args.get(++i));
      } else {
        throw new ConfigException(
            arg + ": expected one of " + flags + " or " + valued + " with a value");
      }
    }
    return new Env(given);
  }
}
