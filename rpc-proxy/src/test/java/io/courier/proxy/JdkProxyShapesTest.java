package io.courier.proxy;

/** The values, methods and classes part of the contract, for the factory that generates no classes. */
class JdkProxyShapesTest extends ProxyShapesContractTest {

    @Override
    String factoryName() {
        return "jdk";
    }
}
