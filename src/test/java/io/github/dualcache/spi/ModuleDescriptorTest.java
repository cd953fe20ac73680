package io.github.dualcache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The public surface is what module-info exports: the provider, the configuration, the management
 * types and the cache types unwrap hands out; the layers, memcached, codecs and events stay internal.
 */
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() throws Exception {
    Path classes = Path.of(DualcacheCachingProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return ModuleFinder.of(classes).find("io.github.dualcache").orElseThrow().descriptor();
  }

  @Test
  void exportsOnlyWhatUsersNeed() throws Exception {
    Map<String, Set<String>> exports = new TreeMap<>();
    for (ModuleDescriptor.Exports export : descriptor().exports()) {
      exports.put(export.source(), export.targets());
    }
    assertEquals(Map.of(
        "io.github.dualcache.spi", Set.of(),
        "io.github.dualcache.config", Set.of(),
        "io.github.dualcache.management", Set.of(),
        "io.github.dualcache.cache", Set.of(),
        "io.github.dualcache.memcached", Set.of("spymemcached")), exports);
  }

  @Test
  void providesTheCachingProvider() throws Exception {
    Map<String, Set<String>> provides = descriptor().provides().stream()
        .collect(Collectors.toMap(ModuleDescriptor.Provides::service, p -> Set.copyOf(p.providers())));
    assertEquals(Map.of("javax.cache.spi.CachingProvider", Set.of(DualcacheCachingProvider.class.getName())), provides);
  }
}
