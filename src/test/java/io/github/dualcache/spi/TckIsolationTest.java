package io.github.dualcache.spi;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Our own tests run without the TCK: its jars and its memcached session listener are on the
 * class path of the failsafe executions only (pom.xml), so nothing of the TCK can start servers,
 * set properties or register providers behind a unit test's back.
 */
class TckIsolationTest {
  @Test
  void theTckTestsAreNotOnTheUnitTestClassPath() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.jsr107.tck.CacheTest"));
  }

  @Test
  void theTckSessionListenerIsNotOnTheUnitTestClassPath() {
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName("io.github.dualcache.tck.TckMemcachedListener"));
  }
}
