package io.courier.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
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
}
