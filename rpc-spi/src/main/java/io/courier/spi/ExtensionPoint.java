package io.courier.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a Courier extension point, so that {@link ExtensionLoader#of(Class)}
 * accepts it.
 *
 * <p>Implementations are listed, one fully qualified class name per line, in
 * {@code META-INF/services/<interface FQN>} exactly as for {@link java.util.ServiceLoader}; each
 * implementation carries {@link Extension} to say its name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExtensionPoint {

    /**
     * The name of the implementation {@link ExtensionLoader#getDefault()} returns, or the empty
     * string when the extension point has no default.
     */
    String defaultName() default "";

    /**
     * The fully qualified names the extension point had before it moved. Nothing reads {@code
     * META-INF/services/<former name>} any more, so the implementations a jar still lists there would be
     * left out without a word (a left-out filter or registry is a hole, not a missing feature): {@link
     * ExtensionLoader} fails instead, naming each such file and the file to list them in.
     */
    String[] formerly() default {};
}
