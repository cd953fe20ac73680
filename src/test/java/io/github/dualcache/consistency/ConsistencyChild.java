package io.github.dualcache.consistency;

import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.ChildMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * One JVM of a consistency test: opens a CacheManager with the settings it is given, attaches to
 * the shared cache, prints {@code READY}, then runs each {@code RUN <workload> name=value...} line
 * it reads on its threads and answers {@code DONE <summary>}, until {@code EXIT}. The test starts
 * two of these and sends both the same {@code RUN} at once, so their threads race.
 *
 * <p>Arguments, as {@code name=value}: {@code jvm} (its name in the histories), {@code threads},
 * {@code cache}, and every {@code dualcache.*} setting.
 */
public final class ConsistencyChild {
  private static final Map<String, Workload> WORKLOADS = Map.of(
      "history", new RandomOperations(),
      "ring", new TokenRing(),
      "fresh", new FreshKeys(),
      "increments", new Increments());

  private ConsistencyChild() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> arguments = ChildMain.parameters(args, 0);
    List<String> settings = new ArrayList<>();
    arguments.forEach((name, value) -> {
      if (name.startsWith("dualcache.")) {
        settings.addAll(List.of(name, value));
      }
    });
    String jvm = arguments.get("jvm");
    int threads = Integer.parseInt(arguments.get("threads"));
    CacheManager manager = Boxes.openManager(arguments.get("dualcache.global.servers"), settings.toArray(new String[0]));
    ChildMain.run(manager, () -> {
      Cache<String, String> cache = manager.createCache(arguments.get("cache"),
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      System.out.println("READY");
      BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = commands.readLine(); line != null && !line.equals("EXIT"); line = commands.readLine()) {
        String[] words = line.split(" ");
        Map<String, String> parameters = ChildMain.parameters(words, 2);
        Workload workload = WORKLOADS.get(words[1]);
        String summary = workload.run(cache, jvm, threads, parameters, Path.of(parameters.get("out")));
        System.out.println("DONE " + summary);
      }
    });
  }

}
