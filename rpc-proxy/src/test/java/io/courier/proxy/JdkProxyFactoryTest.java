package io.courier.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The contract, for the factory that generates no classes. */
class JdkProxyFactoryTest extends ProxyFactoryContractTest {

    @Override
    String factoryName() {
        return "jdk";
    }

    @Test
    void proxy_isAJdkProxy() {
        Greeter greeter = connect(Greeter.class, new SimpleGreeter());

        assertThat(Proxy.isProxyClass(greeter.getClass())).isTrue();
        assertThat(greeter.greet("Ada")).isEqualTo("Hello Ada");
    }

    @Test
    @SuppressWarnings("unchecked")
    void interfaceInAPackageNotOpenToCourier_works() {
        Function<Object, Object> implementation = value -> "f(" + value + ")";
        Function<Object, Object> function = connect(Function.class, implementation);

        assertThat(function.apply("x")).isEqualTo("f(x)");
        // andThen is a default method of a java.base interface: run without private access.
        assertThat(function.andThen(function).apply("x")).isEqualTo("f(f(x))");
    }
}
