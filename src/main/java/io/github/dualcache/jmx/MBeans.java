package io.github.dualcache.jmx;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** Registers a cache's MXBeans on the platform MBeanServer under the names the spec gives. */
public final class MBeans {
  private MBeans() {}

  public static ObjectName name(String domain, String type, String managerUri, String cacheName) {
    try {
      return new ObjectName(domain + ":type=" + type + ",CacheManager=" + safe(managerUri) + ",Cache=" + safe(cacheName));
    } catch (MalformedObjectNameException e) {
      throw new CacheException("Cannot name the MBean of cache " + cacheName, e);
    }
  }

  public static void register(Object bean, ObjectName name) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (InstanceAlreadyExistsException e) {
      // registered concurrently: the same name means the same cache
    } catch (JMException e) {
      throw new CacheException("Cannot register MBean " + name, e);
    }
  }

  public static void unregister(ObjectName name) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (InstanceNotFoundException e) {
      // unregistered concurrently
    } catch (JMException e) {
      throw new CacheException("Cannot unregister MBean " + name, e);
    }
  }

  /**
   * A property value for any manager URI or cache name. First the spec's reference implementation
   * turns {@code , : = \n} into dots, as the TCK does when it looks our MBeans up (and manager URIs
   * nearly always hold a ':'), so ordinary names stay what users' dashboards query. Then a value
   * still holding {@code * ? "} (a pattern, or malformed, unquoted) is quoted, which keeps it
   * exact; a backslash is legal unquoted, and {@link ObjectName#quote} escapes it when quoting.
   * The dots can make two names share an MBean name ({@code a,b} and {@code a.b}), as in the RI.
   */
  private static String safe(String text) {
    String dotted = text == null ? "" : text.replaceAll("[,:=\n]", ".");
    return dotted.matches("(?s).*[*?\"].*") ? ObjectName.quote(dotted) : dotted;
  }
}
