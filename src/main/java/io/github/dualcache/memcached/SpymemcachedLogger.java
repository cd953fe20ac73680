package io.github.dualcache.memcached;

import java.lang.System.Logger.Level;
import net.spy.memcached.compat.log.AbstractLogger;

/**
 * spymemcached's logging sent to {@link System.Logger}, so the application's logging backend
 * (java.util.logging by default, SLF4J or Log4j when bridged) decides what is shown. Without it,
 * spymemcached prints INFO lines to stderr for every connection. Its INFO lines are connection
 * chatter ("Added ... to connect queue", "Shut down memcached client"), so they become DEBUG; its
 * warnings (a lost connection, a reconnect) stay warnings.
 *
 * <p>spymemcached instantiates it by name, from the {@code net.spy.log.LoggerImpl} system property.
 */
public final class SpymemcachedLogger extends AbstractLogger {
  private static final String PROPERTY = "net.spy.log.LoggerImpl";

  private final System.Logger logger;

  public SpymemcachedLogger(String name) {
    super(name);
    this.logger = System.getLogger(name);
  }

  /** Routes spymemcached's logging here, unless the application chose its own logger for it. */
  static void install() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, SpymemcachedLogger.class.getName());
    }
  }

  @Override
  public boolean isTraceEnabled() {
    return logger.isLoggable(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return logger.isLoggable(Level.TRACE);
  }

  @Override
  public boolean isInfoEnabled() {
    return logger.isLoggable(Level.DEBUG);
  }

  @Override
  public void log(net.spy.memcached.compat.log.Level level, Object message, Throwable thrown) {
    Level mapped = switch (level == null ? net.spy.memcached.compat.log.Level.INFO : level) {
      case TRACE, DEBUG -> Level.TRACE;
      case INFO -> Level.DEBUG;
      case WARN -> Level.WARNING;
      case ERROR, FATAL -> Level.ERROR;
    };
    if (logger.isLoggable(mapped)) {
      logger.log(mapped, String.valueOf(message), thrown);
    }
  }
}
