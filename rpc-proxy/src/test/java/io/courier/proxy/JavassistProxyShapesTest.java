package io.courier.proxy;

/** The values, methods and classes part of the contract, for the default factory, which generates classes with javassist. */
class JavassistProxyShapesTest extends ProxyShapesContractTest {

    @Override
    String factoryName() {
        return "javassist";
    }
}
