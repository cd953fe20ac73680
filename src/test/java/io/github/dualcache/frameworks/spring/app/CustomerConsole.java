package io.github.dualcache.frameworks.spring.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import javax.cache.CacheManager;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs {@link CustomerApp} and lets another process drive it, one command a line on standard input:
 * {@code find <id>} answers {@code FOUND id=<id> name=<name or null> lookups=<n>}; {@code quit} (or
 * the end of the input) closes the app. It first prints {@code READY <the JCache manager's URI>}.
 * The main class of the packaged app, and of a second app instance in a JVM of its own.
 */
public final class CustomerConsole {
  private CustomerConsole() {}

  public static void main(String[] args) throws IOException {
    try (ConfigurableApplicationContext context = SpringApplication.run(CustomerApp.class, args)) {
      CustomerService customers = context.getBean(CustomerService.class);
      System.out.println("READY " + context.getBean(CacheManager.class).getURI());
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
        String[] words = line.trim().split("\\s+");
        if (words.length == 2 && words[0].equals("find")) {
          Customer customer = customers.find(Long.parseLong(words[1]));
          System.out.println("FOUND id=" + words[1] + " name=" + (customer == null ? null : customer.name())
              + " lookups=" + customers.lookups());
        } else {
          System.out.println("ERROR unknown command: " + line);
        }
      }
    }
  }
}
