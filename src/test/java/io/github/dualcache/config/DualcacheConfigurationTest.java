package io.github.dualcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import org.junit.jupiter.api.Test;

/** setLocalTtl follows the same rule as the dualcache.local.ttl setting, in the words of code. */
class DualcacheConfigurationTest {

  @Test
  void localTtlUnderAMillisecondIsAnErrorThatPointsToNoLocalLayer() {
    for (Duration zero : new Duration[] {Duration.ZERO, Duration.ofNanos(500_000), Duration.ofMillis(-1)}) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
          () -> new DualcacheConfiguration<String, String>().setLocalTtl(zero), zero.toString());
      assertTrue(error.getMessage().contains("setLocalTtl(" + zero + ")"), error.getMessage());
      assertTrue(error.getMessage().contains("setLocalLayer(LocalLayerType.NONE)"), error.getMessage());
    }
  }

  @Test
  void aMillisecondOrNullIsAccepted() {
    assertEquals(Duration.ofMillis(1),
        new DualcacheConfiguration<String, String>().setLocalTtl(Duration.ofMillis(1)).getLocalTtl());
    assertNull(new DualcacheConfiguration<String, String>().setLocalTtl(null).getLocalTtl());
  }

  @Test
  void aFluentChainKeepsTheDualcacheSettingsWhateverTheOrder() {
    DualcacheConfiguration<String, String> configuration = new DualcacheConfiguration<String, String>()
        .setStatisticsEnabled(true)
        .setManagementEnabled(true)
        .setReadThrough(false)
        .setWriteThrough(false)
        .setStoreByValue(true)
        .setExpiryPolicyFactory(EternalExpiryPolicy.factoryOf())
        .setTypes(String.class, String.class)
        .setLocalLayer(LocalLayerType.HEAP)
        .setLocalTtl(Duration.ofMillis(250));
    assertEquals(LocalLayerType.HEAP, configuration.getLocalLayer());
    assertTrue(configuration.isStatisticsEnabled());
  }
}
