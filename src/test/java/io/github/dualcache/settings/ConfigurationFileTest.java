package io.github.dualcache.settings;

import io.github.dualcache.config.LocalLayerType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationFileTest {
  private static final String JSON = """
      {
        "dualcache.global.servers": "file-host:11211",
        "dualcache.timeout": "250ms",
        "caches": {
          "prices": { "dualcache.local.type": "heap", "dualcache.local.ttl": "250ms" }
        }
      }
      """;

  private static ConfigurationFile parse(String json) {
    return ConfigurationFile.parse(URI.create("file:/test.json"), json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsSettingsAndPerCacheSettingsFromAFileUri(@TempDir Path folder) throws Exception {
    Path path = folder.resolve("dualcache.json");
    Files.writeString(path, JSON);
    ConfigurationFile file = ConfigurationFile.of(path.toUri(), getClass().getClassLoader());
    DualcacheSettings settings = DualcacheSettings.load(null, file, new Properties(), Map.<String, String>of()::get);
    assertEquals(List.of(new HostAndPort("file-host", 11211)), settings.globalServers());
    assertEquals(Duration.ofMillis(250), settings.timeout());
    assertEquals(new ConfigurationFile.CacheSettings(LocalLayerType.HEAP, Duration.ofMillis(250)), file.cache("prices"));
    assertNull(file.cache("other").localLayer());
  }

  @Test
  void readsAClasspathUri() {
    ConfigurationFile file = ConfigurationFile.of(URI.create("classpath:dualcache-test.json"), getClass().getClassLoader());
    assertEquals(LocalLayerType.HEAP, file.cache("prices").localLayer());
  }

  @Test
  void readsAJarFileUriAsHibernateAndPlainJarsGiveIt(@TempDir Path folder) throws Exception {
    Path jar = folder.resolve("app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("config/dualcache.json"));
      out.write(JSON.getBytes(StandardCharsets.UTF_8));
    }
    URI uri = URI.create("jar:" + jar.toUri() + "!/config/dualcache.json");
    assertEquals(LocalLayerType.HEAP, ConfigurationFile.of(uri, getClass().getClassLoader()).cache("prices").localLayer());
  }

  @Test
  void readsABareResourceName() {
    ConfigurationFile file = ConfigurationFile.of(URI.create("dualcache-test.json"), getClass().getClassLoader());
    assertEquals(LocalLayerType.HEAP, file.cache("prices").localLayer());
  }

  @Test
  void aNestedJarUriOutsideItsLauncherIsReadFromTheClassLoader() {
    // Spring Boot's jar:nested: handler exists only inside a packaged app's launcher; the entry
    // after the last "!/" is then the app's classpath resource.
    URI uri = URI.create("jar:nested:/srv/app.jar/!BOOT-INF/classes/!/dualcache-test.json");
    assertEquals(LocalLayerType.HEAP, ConfigurationFile.of(uri, getClass().getClassLoader()).cache("prices").localLayer());
  }

  @Test
  void aUriNamingAFileThatCannotBeReadIsAnErrorNamingIt(@TempDir Path folder) {
    for (URI uri : List.of(folder.resolve("missing.json").toUri(), URI.create("jar:" + folder.resolve("none.jar").toUri()
        + "!/dualcache.json"), URI.create("jar:nested:/srv/app.jar/!BOOT-INF/classes/!/absent.json"),
        URI.create("absent.json"))) {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> ConfigurationFile.of(uri, getClass().getClassLoader()));
      assertTrue(error.getMessage().contains(uri.toString()), error.getMessage());
    }
  }

  @Test
  void explicitPropertiesBeatTheFileWhichBeatsSystemProperties() {
    Properties system = new Properties();
    system.setProperty("dualcache.global.servers", "system-host:1");
    system.setProperty("dualcache.namespace", "fromsystem");
    Properties explicit = new Properties();
    explicit.setProperty("dualcache.global.servers", "explicit-host:2");
    DualcacheSettings settings = DualcacheSettings.load(explicit, parse(JSON), system, Map.<String, String>of()::get);
    assertEquals(List.of(new HostAndPort("explicit-host", 2)), settings.globalServers());
    assertEquals("fromsystem", settings.namespace());
    assertEquals(Duration.ofMillis(250), DualcacheSettings.load(null, parse("{\"dualcache.timeout\": \"250ms\"}"),
        system, Map.<String, String>of()::get).timeout());
  }

  @Test
  void otherUrisNameNoFile() {
    assertNull(ConfigurationFile.of(URI.create("dualcache://app"), getClass().getClassLoader()).cache("x").localTtl());
    assertNull(ConfigurationFile.of(URI.create("io.github.dualcache.spi.DualcacheCachingProvider"),
        getClass().getClassLoader()).cache("x").localTtl());
  }

  @Test
  void invalidJsonIsAnErrorThatKeepsTheParsersCause() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> parse("{\"dualcache\": "));
    assertInstanceOf(JsonProcessingException.class, thrown.getCause(), thrown::toString);
  }

  @Test
  void mistakesAreErrorsThatNameThem() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"dualcache.global.sever\": \"a:1\"}"))
        .getMessage().contains("dualcache.global.sever"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> parse("{\"caches\": {\"c\": {\"dualcache.timeout\": \"1s\"}}}")).getMessage().contains("dualcache.timeout"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{not json")).getMessage().contains("not valid JSON"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ConfigurationFile.of(URI.create("classpath:missing.json"), getClass().getClassLoader()))
        .getMessage().contains("classpath:missing.json"));
  }

  @Test
  void perCacheLocalTtlOfZeroIsAnErrorThatNamesTheCache() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> parse("""
        { "caches": { "prices": { "dualcache.local.ttl": "0ms" } } }
        """));
    assertTrue(error.getMessage().contains("dualcache.local.ttl=0ms"), error.getMessage());
    assertTrue(error.getMessage().contains("prices"), error.getMessage());
    assertTrue(error.getMessage().contains("dualcache.local.type=none"), error.getMessage());
  }
}
