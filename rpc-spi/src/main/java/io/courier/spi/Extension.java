package io.courier.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an implementation of an {@link ExtensionPoint}. The name is what users write in
 * configuration ({@code loadBalancer = "roundrobin"}); it must be unique among the
 * implementations of one extension point on the class path.
 *
 * <p>The class must be public, implement the extension point and have a public no-argument
 * constructor. {@link ExtensionLoader} builds at most one instance per name, so an extension must
 * be thread-safe.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Extension {

    /** The extension's name: lower case letters, digits, '-', '_' and '.'. */
    String value();
}
