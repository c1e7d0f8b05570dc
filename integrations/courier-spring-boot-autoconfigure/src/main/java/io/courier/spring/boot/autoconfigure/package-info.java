/**
 * Spring Boot auto-configuration for Courier: one {@link io.courier.bootstrap.Courier} per application
 * context, configured from Spring's {@code Environment}, exporting {@code @Export} beans and injecting
 * {@code @Reference} proxies, joined to Spring's lifecycle, health and failure reporting.
 */
package io.courier.spring.boot.autoconfigure;
