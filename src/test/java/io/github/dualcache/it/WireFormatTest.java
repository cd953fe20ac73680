package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dualcache.testing.Boxes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32C;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/wire-format.md is true: an entry written through JCache is found and read with nothing
 * but a raw memcached connection, SHA-256, CRC32C and Jackson, following that page.
 */
class WireFormatTest {

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  public record Price(String currency, long cents) {}

  @Test
  void aJsonEntryIsReadWithARawClientAndJacksonAlone() throws Exception {
    Cache<String, Price> cache = BOXES.manager("dualcache.codec", "json", "dualcache.namespace", "shop")
        .createCache("prices", new MutableConfiguration<String, Price>().setTypes(String.class, Price.class));
    cache.put("apple", new Price("EUR", 129));
    ObjectMapper json = new ObjectMapper();

    String generation = new String(BOXES.global().rawGet("shop:prices:gen"), StandardCharsets.US_ASCII);
    byte[] key = json.writeValueAsBytes("apple");
    byte[] item = BOXES.global().rawGet("shop:prices:" + generation + ":" + base64Sha256(key));

    ByteBuffer envelope = ByteBuffer.wrap(item);
    assertEquals((byte) 0xDC, envelope.get(), "magic");
    assertEquals(1, envelope.get(), "format version");
    byte codec = envelope.get();
    assertEquals(3, codec, "codec id of json");
    assertEquals(0, envelope.get(), "reserved");
    long deadline = envelope.getLong();
    assertEquals(0, deadline, "an eternal entry");
    byte[] storedKey = new byte[envelope.getInt()];
    byte[] value = new byte[envelope.getInt()];
    int checksum = envelope.getInt();
    envelope.get(storedKey).get(value);
    assertEquals(0, envelope.remaining());
    assertArrayEquals(key, storedKey);

    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(9).put(codec).putLong(deadline).array());
    crc.update(storedKey);
    crc.update(value);
    assertEquals(checksum, (int) crc.getValue());

    JsonNode price = json.readTree(value);
    assertEquals("EUR", price.get("currency").asText());
    assertEquals(129, price.get("cents").asLong());
  }

  @Test
  void aCacheNameThatIsNotPlainIsHashedIntoItsKeys() throws Exception {
    String name = "prices per région";
    BOXES.manager("dualcache.codec", "json")
        .createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class))
        .put("k", "v");
    String cacheId = "~" + base64Sha256(name.getBytes(StandardCharsets.UTF_8)).substring(0, 22);
    String generation = new String(BOXES.global().rawGet("dualcache:" + cacheId + ":gen"), StandardCharsets.US_ASCII);
    byte[] item = BOXES.global().rawGet("dualcache:" + cacheId + ":" + generation + ":"
        + base64Sha256("\"k\"".getBytes(StandardCharsets.UTF_8)));
    byte[] value = Arrays.copyOfRange(item, item.length - 3, item.length);
    assertEquals("\"v\"", new String(value, StandardCharsets.UTF_8));
  }

  private static String base64Sha256(byte[] bytes) throws Exception {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
