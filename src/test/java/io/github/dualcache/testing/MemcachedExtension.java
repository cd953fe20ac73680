package io.github.dualcache.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one memcached for a test class ({@code @RegisterExtension static}) or for each test
 * ({@code @RegisterExtension} on an instance field).
 *
 * <pre>
 * &#64;RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension("-I", "1m");
 * ... MEMCACHED.server().address() ...
 * </pre>
 *
 * A server left frozen by a failed test is thawed after that test.
 */
public final class MemcachedExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final String[] args;
  private MemcachedServer server;
  private boolean perTest;

  public MemcachedExtension(String... args) {
    this.args = args.clone();
  }

  public MemcachedServer server() {
    if (server == null) {
      throw new IllegalStateException("memcached is not running (extension not registered?)");
    }
    return server;
  }

  public String address() {
    return server().address();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = MemcachedServer.start(args);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (server == null) {
      perTest = true;
      server = MemcachedServer.start(args);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      stop();
    } else if (server != null && server.isFrozen()) {
      server.thaw();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
