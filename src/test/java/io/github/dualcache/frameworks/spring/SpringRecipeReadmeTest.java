package io.github.dualcache.frameworks.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's Spring Boot recipe is, to the byte, the configuration the Spring tests run. */
class SpringRecipeReadmeTest {

  private static String section() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("\n## Spring Boot\n");
    assertTrue(start >= 0, "README.md has a Spring Boot section");
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  private static String block(String section, String language) {
    Matcher block = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertTrue(block.find(), "the Spring Boot section has a " + language + " block");
    return block.group(1);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SpringRecipeReadmeTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void applicationPropertiesIsTheAppsOwn() throws IOException {
    assertEquals(resource("/application.properties"), block(section(), "properties"));
  }

  @Test
  void dualcacheJsonIsTheOneTheTestsFillInTheServersOf() throws IOException {
    assertEquals(resource(CustomerApps.DUALCACHE_JSON), block(section(), "json"));
  }
}
