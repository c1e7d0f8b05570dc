package io.courier.bootstrap.internal.provider;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Which address of this machine other machines can dial. */
public final class LocalAddress {

    private LocalAddress() {}

    /**
     * The address to register for a server bound to {@code bindHost}: {@code advertised} if set,
     * else the bind host itself, or, for a wildcard bind host, this machine's first non-loopback,
     * non-link-local IPv4 address (the loopback address when it has none).
     */
    static String advertised(String bindHost, String advertised) {
        if (!advertised.isEmpty()) {
            return advertised;
        }
        if (!isWildcard(bindHost)) {
            return bindHost;
        }
        return firstSiteAddress();
    }

    static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("*");
    }

    /** This machine's first usable non-loopback IPv4 address, else the loopback address. */
    public static String firstSiteAddress() {
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback() || network.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address
                            && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list: fall through to loopback, which at least works on this machine.
        }
        return InetAddress.getLoopbackAddress().getHostAddress();
    }
}
