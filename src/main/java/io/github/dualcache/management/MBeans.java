package io.github.dualcache.management;

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

  private static String safe(String text) {
    return text == null ? "" : text.replaceAll("[,:=\n]", ".");
  }
}
