package io.courier.dubbo.stock;

import java.lang.reflect.Field;
import java.net.InetAddress;
import org.apache.dubbo.common.utils.NetUtils;

/**
 * Keeps a stock Dubbo JVM on 127.0.0.1. Dubbo replaces any {@code 127.*} host, a provider's to register
 * and a consumer's to connect to, with the machine's network address (NetUtils.filterLocalHost and
 * NetUtils.getLocalHost); tests reach 127.0.0.1 only, so this JVM's idea of its own address is set to
 * it before Dubbo asks. Real deployments register routable addresses and never meet this.
 */
final class Loopback {

    private Loopback() {}

    static void pin() throws ReflectiveOperationException {
        Field hostAddress = NetUtils.class.getDeclaredField("HOST_ADDRESS");
        hostAddress.setAccessible(true);
        hostAddress.set(null, "127.0.0.1");
        Field localAddress = NetUtils.class.getDeclaredField("LOCAL_ADDRESS");
        localAddress.setAccessible(true);
        localAddress.set(null, InetAddress.getLoopbackAddress());
    }
}
