/**
 * Courier's extension mechanism: {@link io.courier.spi.ExtensionLoader} finds implementations of
 * an extension point through standard {@code META-INF/services/<interface>} files and adds lookup
 * by name, a default, ordered activation and one instance per name.
 */
package io.courier.spi;
