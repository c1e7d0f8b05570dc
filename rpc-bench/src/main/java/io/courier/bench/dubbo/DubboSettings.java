package io.courier.bench.dubbo;

import org.apache.dubbo.config.ApplicationConfig;

/** The settings both Dubbo ends share. */
final class DubboSettings {

    static final String PROTOCOL = "dubbo";
    static final String SERIALIZATION = "hessian2";

    private DubboSettings() {}

    /**
     * Refuses the addresses Dubbo would silently replace: for a {@code 127.*} address or {@code localhost} its
     * provider binds every interface and its consumer connects to the machine's network address, so the benchmark
     * would leave the loopback device. Use {@code ::1}.
     */
    static String checkHost(String host) {
        if (host.startsWith("127.") || host.equalsIgnoreCase("localhost")) {
            throw new IllegalArgumentException(
                    "host: " + host + " (expected: ::1; Dubbo replaces 127.* with a non-loopback address)");
        }
        return host;
    }

    /** {@code host} as the host part of a URL: IPv6 addresses in brackets. */
    static String urlHost(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** An application with QoS off: the comparison measures calls, not the ops port. */
    static ApplicationConfig application(String name) {
        ApplicationConfig application = new ApplicationConfig(name);
        application.setQosEnable(false);
        application.setQosCheck(false);
        // every call goes to a URL given by the consumer, so the provider registers nowhere
        application.setRegisterMode("interface");
        application.setLogger("slf4j");
        return application;
    }
}
