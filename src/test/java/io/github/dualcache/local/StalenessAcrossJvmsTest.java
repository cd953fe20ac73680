package io.github.dualcache.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.ChildJvm;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The staleness bound across real processes: a second JVM ({@link StalenessChild}, heap local
 * layer) holds a local copy of v1; this JVM writes v2; the child must keep being served v1 for a
 * while and must not be served v1 by any read it started later than local TTL + 500 ms after this
 * JVM's write returned (the margin covers a loaded 2-core machine; both processes read the same
 * system clock). It must also never see v2 before the write started.
 *
 * <p>What removal makes it fail: local copies kept past the local TTL (the child serves v1 long
 * after the bound); no local layer in the child (its reads right after the write return v2, so
 * the "still served v1 after the write" check fails). Verified both by temporarily breaking the
 * provider (copies kept 10x the TTL: the child served v1 ~10 s after the write; local layer forced
 * to none: the check fails).
 */
class StalenessAcrossJvmsTest {

  private static final Duration TTL = Duration.ofSeconds(1);
  private static final long MARGIN_MILLIS = 500;

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  private ChildJvm child;

  @AfterEach
  void stopChild() {
    if (child != null) {
      child.close();
    }
  }

  @Test
  void anotherJvmSeesThisJvmsWriteWithinTheLocalTtl() throws Exception {
    String name = Boxes.uniqueName("staleness-jvm");
    String key = "shared";
    Cache<String, String> cache = BOXES.open("heap", TTL).manager().createCache(name, Boxes.strings());
    cache.put(key, "v1");

    child = ChildJvm.start("staleness-child", StalenessChild.class, List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"),
        List.of(BOXES.globalServers(), name, key, Long.toString(TTL.toMillis()), "v1", "v2", "20000"));
    String ready = child.awaitLine("READY", 60, TimeUnit.SECONDS);
    long fill = Long.parseLong(fields(ready).get("fill"));

    long writeStart = System.currentTimeMillis();
    cache.put(key, "v2");
    long writeEnd = System.currentTimeMillis();

    String result = child.awaitLine("RESULT", 60, TimeUnit.SECONDS);
    assertEquals(0, child.awaitExit(60, TimeUnit.SECONDS), "child output:\n" + child.output());
    String output = child.output();

    Map<String, String> r = fields(result);
    long lastV1Start = Long.parseLong(r.get("lastV1Start"));
    long firstV2Start = Long.parseLong(r.get("firstV2Start"));
    long firstV2End = Long.parseLong(r.get("firstV2End"));
    System.out.printf("[staleness across JVMs] child filled its copy %d ms before the write; last served v1 to a"
            + " read started %s ms after the write returned; first saw v2 in a read started %s ms after (local TTL"
            + " %d ms, %s reads)%n",
        writeStart - fill, since(lastV1Start, writeEnd), since(firstV2Start, writeEnd), TTL.toMillis(), r.get("reads"));

    assertEquals("-", r.get("unexpected"), "the child saw values never written or went back to v1:\n" + output);
    assertTrue(firstV2Start > 0, "the child never saw v2:\n" + output);
    assertTrue(firstV2End >= writeStart, "the child saw v2 before this JVM started writing it:\n" + output);
    assertTrue(lastV1Start - writeEnd <= TTL.toMillis() + MARGIN_MILLIS,
        "the child served v1 to a read started " + (lastV1Start - writeEnd) + " ms after the write returned; bound: "
            + TTL.toMillis() + " + " + MARGIN_MILLIS + " ms");
    assertTrue(firstV2Start - writeEnd <= TTL.toMillis() + MARGIN_MILLIS,
        "the child first saw v2 " + (firstV2Start - writeEnd) + " ms after the write returned; bound: "
            + TTL.toMillis() + " + " + MARGIN_MILLIS + " ms");
    if (writeEnd - fill < TTL.toMillis() - 300) {
      assertTrue(lastV1Start >= writeEnd,
          "the child's local copy (filled " + (writeEnd - fill) + " ms before the write returned) was not served after"
              + " the write: is its local layer in use?\n" + output);
    } else {
      System.out.println("[staleness across JVMs] write came too late after the child's fill to check that the copy"
          + " was still served");
    }
  }

  /** Milliseconds from {@code from} to {@code at}, or "never" when the child reported 0. */
  private static String since(long at, long from) {
    return at == 0 ? "never" : Long.toString(at - from);
  }

  private static Map<String, String> fields(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : line.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return fields;
  }
}
