package io.github.dualcache.consistency;

import java.nio.file.Path;
import java.util.Map;
import javax.cache.Cache;

/**
 * One concurrent workload a {@link ConsistencyChild} runs on its threads; what each thread saw goes
 * to a file the test reads back, and the returned line sums it up for the test's log.
 */
public interface Workload {

  String run(Cache<String, String> cache, String jvm, int threads, Map<String, String> parameters, Path out)
      throws Exception;

  /** Value arithmetic shared by the workloads: values are decimal integers. */
  static String plusOne(String value) {
    return Long.toString(value == null ? 1 : Long.parseLong(value) + 1);
  }
}
