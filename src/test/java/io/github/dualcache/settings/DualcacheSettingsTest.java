package io.github.dualcache.settings;

import io.github.dualcache.config.CodecType;
import io.github.dualcache.config.LocalLayerType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DualcacheSettingsTest {

  private static DualcacheSettings load(Properties explicit, Properties system, Map<String, String> environment) {
    return DualcacheSettings.load(explicit, system, environment::get);
  }

  private static Properties properties(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  @Test
  void defaultsToLocalMemcachedWithoutLocalLayer() {
    DualcacheSettings settings = load(null, new Properties(), Map.of());
    assertEquals(List.of(new HostAndPort("127.0.0.1", 11211)), settings.globalServers());
    assertEquals(LocalLayerType.NONE, settings.localType());
    assertEquals(Duration.ofSeconds(1), settings.localTtl());
    assertEquals(Duration.ofMillis(500), settings.timeout());
    assertEquals(CodecType.JAVA, settings.codec());
  }

  @Test
  void explicitPropertiesBeatSystemPropertiesWhichBeatTheEnvironment() {
    DualcacheSettings settings = load(
        properties("dualcache.global.servers", "a:1"),
        properties("dualcache.global.servers", "b:2", "dualcache.timeout", "250ms"),
        Map.of("DUALCACHE_GLOBAL_SERVERS", "c:3", "DUALCACHE_TIMEOUT", "PT2S", "DUALCACHE_NAMESPACE", "env"));
    assertEquals(List.of(new HostAndPort("a", 1)), settings.globalServers());
    assertEquals(Duration.ofMillis(250), settings.timeout());
    assertEquals("env", settings.namespace());
  }

  @Test
  void readsSeveralServersAndDurationsInEitherSyntax() {
    DualcacheSettings settings = load(properties("dualcache.global.servers", " h1:11211, [::1]:11212 ",
        "dualcache.local.ttl", "PT0.25S"), new Properties(), Map.of());
    assertEquals(List.of(new HostAndPort("h1", 11211), new HostAndPort("::1", 11212)), settings.globalServers());
    assertEquals(Duration.ofMillis(250), settings.localTtl());
  }

  @Test
  void unknownSettingIsAnErrorThatNamesItAndTheValidOnes() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> load(properties("dualcache.global.server", "a:1"), new Properties(), Map.of()));
    assertTrue(error.getMessage().contains("dualcache.global.server;"), error.getMessage());
    assertTrue(error.getMessage().contains("dualcache.global.servers"), error.getMessage());
  }

  @Test
  void unknownSystemPropertyIsAnErrorToo() {
    assertThrows(IllegalArgumentException.class,
        () -> load(null, properties("dualcache.locl.type", "heap"), Map.of()));
  }

  @Test
  void malformedAddressIsAnErrorThatNamesIt() {
    for (String bad : new String[] {"localhost", "host:0", "host:99999", "host:port", ":11211", "a b:1"}) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
          () -> load(properties("dualcache.global.servers", bad), new Properties(), Map.of()), bad);
      assertTrue(error.getMessage().contains("dualcache.global.servers"), error.getMessage());
    }
  }

  @Test
  void badChoicesNameTheValidOnes() {
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> load(properties("dualcache.local.type", "disk"), new Properties(), Map.of()));
    assertTrue(type.getMessage().contains("none, memcached, heap"), type.getMessage());
    IllegalArgumentException duration = assertThrows(IllegalArgumentException.class,
        () -> load(properties("dualcache.timeout", "soon"), new Properties(), Map.of()));
    assertTrue(duration.getMessage().contains("dualcache.timeout=soon"), duration.getMessage());
  }

  @Test
  void localMemcachedNeedsItsServers() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> load(properties("dualcache.local.type", "memcached"), new Properties(), Map.of()));
    assertTrue(error.getMessage().contains("dualcache.local.servers"), error.getMessage());
  }

  @Test
  void namespaceMustBeSafeInAMemcachedKey() {
    assertThrows(IllegalArgumentException.class,
        () -> load(properties("dualcache.namespace", "has space"), new Properties(), Map.of()));
    assertThrows(IllegalArgumentException.class,
        () -> load(properties("dualcache.namespace", "a:b"), new Properties(), Map.of()));
  }

  /** Under a millisecond (what the layers count in) is zero: no local copy and a generation read per read. */
  @Test
  void localTtlUnderAMillisecondIsAnErrorThatPointsToNoLocalLayer() {
    for (String zero : new String[] {"0ms", "0s", "PT0S", "PT0.0005S"}) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
          () -> load(properties("dualcache.local.ttl", zero), new Properties(), Map.of()), zero);
      assertTrue(error.getMessage().contains("dualcache.local.ttl=" + zero), error.getMessage());
      assertTrue(error.getMessage().contains("dualcache.local.type=none"), error.getMessage());
    }
    assertEquals(Duration.ofMillis(1), load(properties("dualcache.local.ttl", "1ms"), new Properties(), Map.of()).localTtl());
  }
}
