package io.courier.bootstrap;

/** The end-to-end calls with generated (javassist) proxies and dispatchers, the default. */
class JavassistEndToEndTest extends EndToEndContract {
    @Override
    String proxy() {
        return "javassist";
    }
}
