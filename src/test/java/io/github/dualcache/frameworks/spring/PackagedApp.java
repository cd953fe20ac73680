package io.github.dualcache.frameworks.spring;

import io.github.dualcache.frameworks.spring.app.CustomerApp;
import io.github.dualcache.frameworks.spring.app.CustomerConsole;
import io.github.dualcache.spi.DualcacheCachingProvider;
import io.github.dualcache.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.springframework.boot.loader.tools.Library;
import org.springframework.boot.loader.tools.LibraryScope;
import org.springframework.boot.loader.tools.Repackager;

/**
 * The customer app packaged as Spring Boot's Maven and Gradle plugins package an app, with their
 * own {@link Repackager}: an executable jar holding the app's classes and resources in
 * {@code BOOT-INF/classes}, its libraries as nested jars in {@code BOOT-INF/lib} (dualcache's jar
 * among them), and Spring Boot's launcher.
 */
final class PackagedApp {
  private PackagedApp() {}

  /**
   * Builds {@code directory/customer-app.jar}: the app's package and {@code application.properties}
   * from the test class path, {@code dualcache.json} from {@code resources}.
   */
  static Path build(Path directory, Path resources) {
    try {
      Path testClasses = codeSource(CustomerApp.class);
      Path plain = directory.resolve("customer-app-plain.jar");
      try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plain), manifest())) {
        addTree(jar, testClasses, testClasses.resolve(CustomerApp.class.getPackageName().replace('.', '/')));
        add(jar, "application.properties", testClasses.resolve("application.properties"));
        add(jar, "dualcache.json", resources.resolve("dualcache.json"));
      }
      List<File> libraries = libraries(directory);
      Repackager repackager = new Repackager(plain.toFile());
      repackager.setMainClass(CustomerConsole.class.getName());
      repackager.setBackupSource(false);
      Path app = directory.resolve("customer-app.jar");
      repackager.repackage(app.toFile(), callback -> {
        for (File library : libraries) {
          callback.library(new Library(library, LibraryScope.RUNTIME));
        }
      });
      return app;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * dualcache's jar (made from its classes when the build has not packaged it yet) and every jar
   * of the test class path: the app's dependencies and more (the test tools are never loaded).
   */
  private static List<File> libraries(Path directory) throws IOException {
    List<File> libraries = new ArrayList<>();
    Path dualcache = codeSource(DualcacheCachingProvider.class);
    if (Files.isDirectory(dualcache)) {
      Path jar = directory.resolve("dualcache.jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest())) {
        addTree(out, dualcache, dualcache);
      }
      dualcache = jar;
    }
    libraries.add(dualcache.toFile());
    for (String entry : ChildJvm.testClassPath().split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (Files.isRegularFile(path) && entry.endsWith(".jar") && !path.equals(dualcache)) {
        libraries.add(path.toFile());
      }
    }
    return libraries;
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Manifest manifest() {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    return manifest;
  }

  /** Adds the files under {@code tree}, named by their path relative to {@code root}. */
  private static void addTree(JarOutputStream jar, Path root, Path tree) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(tree)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      add(jar, root.relativize(file).toString().replace(File.separatorChar, '/'), file);
    }
  }

  private static void add(JarOutputStream jar, String name, Path file) throws IOException {
    if (name.equals("META-INF/MANIFEST.MF")) {
      return;
    }
    jar.putNextEntry(new JarEntry(name));
    Files.copy(file, jar);
    jar.closeEntry();
  }
}
