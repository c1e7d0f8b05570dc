package io.courier.bootstrap;

/** The end-to-end calls with JDK proxies and method-handle dispatchers. */
class JdkEndToEndTest extends EndToEndContract {
    @Override
    String proxy() {
        return "jdk";
    }
}
