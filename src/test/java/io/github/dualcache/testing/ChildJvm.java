package io.github.dualcache.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code main} class of the test tree run in a JVM of its own, as a second process on the same
 * host would be: its output is collected line by line, lines can be sent to its standard input,
 * and {@link #close()} kills it if it is still running.
 */
public final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Writer input;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder output = new StringBuilder();
  private final Thread pump;

  private ChildJvm(String name, Process process) {
    this.name = name;
    this.process = process;
    this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.pump = new Thread(this::pumpOutput, name + "-output");
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts {@code mainClass} with {@code args} on the test class path. */
  public static ChildJvm start(String name, Class<?> mainClass, List<String> jvmOptions, List<String> args) {
    return start(name, mainClass, jvmOptions, List.of(), args);
  }

  /**
   * Starts {@code mainClass} with {@code args} on {@code extraClassPath} followed by the test class
   * path: an application whose own resources (a configuration file made by the test) come first.
   */
  public static ChildJvm start(String name, Class<?> mainClass, List<String> jvmOptions, List<Path> extraClassPath,
      List<String> args) {
    List<String> classPath = new ArrayList<>();
    extraClassPath.forEach(entry -> classPath.add(entry.toString()));
    classPath.add(testClassPath());
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(mainClass.getName());
    command.addAll(args);
    return start(name, command);
  }

  /** Runs {@code java -jar jar args}: a packaged application, with its own class path only. */
  public static ChildJvm startJar(String name, Path jar, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    return start(name, command);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static ChildJvm start(String name, List<String> command) {
    try {
      return new ChildJvm(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + ": " + command, e);
    }
  }

  /** Surefire may run tests from a manifest-only jar; its real class path is in this property. */
  public static String testClassPath() {
    String classPath = System.getProperty("surefire.test.class.path");
    return classPath == null || classPath.isBlank() ? System.getProperty("java.class.path") : classPath;
  }

  private void pumpOutput() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        synchronized (output) {
          output.append(line).append('\n');
        }
        lines.add(line);
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** The first line starting with {@code prefix} not yet consumed; fails on {@code ERROR} or timeout. */
  public String awaitLine(String prefix, long timeout, TimeUnit unit) {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    try {
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line;
        }
        if (line != null && line.startsWith("ERROR")) {
          break;
        }
        if (line == null && !process.isAlive() && lines.isEmpty()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError(name + " did not print " + prefix + "; its output:\n" + output());
  }

  public void send(String line) {
    try {
      input.write(line + "\n");
      input.flush();
    } catch (IOException e) {
      throw new AssertionError(name + " no longer reads its input; its output:\n" + output(), e);
    }
  }

  /** Waits for the process to end and returns its exit status. */
  public int awaitExit(long timeout, TimeUnit unit) {
    try {
      if (!process.waitFor(timeout, unit)) {
        throw new AssertionError(name + " did not exit within " + timeout + " " + unit + "; its output:\n" + output());
      }
      pump.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + name, e);
    }
    return process.exitValue();
  }

  public String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
