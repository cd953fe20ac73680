package io.github.dualcache.testing;

import io.github.dualcache.settings.ConfigurationFile;
import io.github.dualcache.settings.DualcacheSettings;
import java.net.URI;
import java.util.Properties;

/** dualcache settings for tests that build layers without a CacheManager. */
public final class Settings {
  private Settings() {}

  /** The defaults with {@code settings}, alternating names and values, and no configuration file. */
  public static DualcacheSettings of(String... settings) {
    if (settings.length % 2 != 0) {
      throw new IllegalArgumentException("settings come in name/value pairs");
    }
    Properties properties = new Properties();
    for (int i = 0; i < settings.length; i += 2) {
      properties.setProperty(settings[i], settings[i + 1]);
    }
    return DualcacheSettings.load(properties, ConfigurationFile.of(URI.create("dualcache://test"), Settings.class.getClassLoader()));
  }
}
