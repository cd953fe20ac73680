package io.github.dualcache.frameworks.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A Spring Boot app as a user writes it: nothing about dualcache in the code; its
 * {@code application.properties} names the provider and the caches, its {@code dualcache.json} the
 * memcached servers.
 */
@SpringBootApplication
@EnableCaching
public class CustomerApp {}
