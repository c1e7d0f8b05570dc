package io.courier.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javassist.CannotCompileException;
import javassist.CtClass;
import org.junit.jupiter.api.Test;

class ClassGenerationTest {

    /** Only these tests define classes next to it, so the names they take are predictable. */
    public interface Marker {}

    private static final ClassGeneration.ClassSource MARKER_CLASS = (pool, name) -> {
        CtClass type = pool.makeClass(name);
        type.addInterface(pool.get(Marker.class.getName()));
        byte[] bytes = type.toBytecode();
        type.detach();
        return bytes;
    };

    @Test
    void define_placesTheClassNextToTheInterfaceAndTakesTheNextFreeName() {
        String base = Marker.class.getName() + "$$Generated";

        Class<?> first = ClassGeneration.define(Marker.class, base, "a marker class", MARKER_CLASS);
        Class<?> second = ClassGeneration.define(Marker.class, base, "a marker class", MARKER_CLASS);

        assertThat(first.getName()).isEqualTo(base);
        assertThat(second.getName()).isEqualTo(base + "$2");
        assertThat(first.getClassLoader()).isSameAs(Marker.class.getClassLoader());
        assertThat(first.getPackageName()).isEqualTo(Marker.class.getPackageName());
        assertThat(Marker.class).isAssignableFrom(first).isAssignableFrom(second);
    }

    @Test
    void define_failureNamesTheInterfaceAndTheAlternative() {
        assertThatThrownBy(() -> ClassGeneration.define(Marker.class, "unused", "a marker class", (pool, name) -> {
                    throw new CannotCompileException("broken source");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot generate a marker class for " + Marker.class.getName())
                .hasMessageContaining("broken source")
                .hasMessageContaining("'jdk' ProxyFactory")
                .hasCauseInstanceOf(CannotCompileException.class);
    }
}
