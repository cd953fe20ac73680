package io.github.dualcache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The public surface is what module-info exports: the provider, the configuration, the management
 * types and the cache types unwrap hands out; the layers, memcached, codecs and events stay internal.
 */
class ModuleDescriptorTest {

  private static Path classes() throws Exception {
    return Path.of(DualcacheCachingProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static ModuleDescriptor descriptor() throws Exception {
    return ModuleFinder.of(classes()).find("io.github.dualcache").orElseThrow().descriptor();
  }

  /** The simple names of a package's public top-level types. */
  private static Set<String> publicTypes(String packageName) throws Exception {
    try (var files = Files.list(classes().resolve(packageName.replace('.', '/')))) {
      List<String> names = files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class"))
          .map(name -> name.substring(0, name.length() - ".class".length()))
          .toList();
      Set<String> publicNames = new TreeSet<>();
      for (String name : names) {
        if (Modifier.isPublic(Class.forName(packageName + "." + name).getModifiers())) {
          publicNames.add(name);
        }
      }
      return publicNames;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** An exported package holds the API and nothing else: implementations live in internal packages. */
  @Test
  void exportedPackagesHoldOnlyTheApi() throws Exception {
    Map<String, Set<String>> api = new TreeMap<>();
    for (ModuleDescriptor.Exports export : descriptor().exports()) {
      if (!export.isQualified()) {
        api.put(export.source(), publicTypes(export.source()));
      }
    }
    assertEquals(Map.of(
        "io.github.dualcache.spi", Set.of("DualcacheCachingProvider"),
        "io.github.dualcache.config", Set.of("CodecType", "DualcacheConfiguration", "FailureMode", "LocalLayerType"),
        "io.github.dualcache.management", Set.of("LayerStatisticsMXBean"),
        "io.github.dualcache.cache",
            Set.of("DualcacheCache", "DualcacheCacheManager", "DualcacheEntry", "IncompleteBatchException")), api);
  }

  @Test
  void providesTheCachingProvider() throws Exception {
    Map<String, Set<String>> provides = descriptor().provides().stream()
        .collect(Collectors.toMap(ModuleDescriptor.Provides::service, p -> Set.copyOf(p.providers())));
    assertEquals(Map.of("javax.cache.spi.CachingProvider", Set.of(DualcacheCachingProvider.class.getName())), provides);
  }
}
