package io.courier.registry.mdns;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An {@code mdns://[address]} address: the IPv4 address of the one network interface multicast DNS is
 * sent and received on. Without one, the loopback interface (127.0.0.1): the processes of one machine
 * find each other and nothing leaves it. {@code mdns://192.168.1.20} reaches the machines of that
 * interface's network.
 */
record MdnsAddress(InetAddress bind, NetworkInterface networkInterface) {

    static final String SCHEME = "mdns://";
    private static final String EXPECTED =
            " (expected: mdns:// or mdns://a.b.c.d, the IPv4 address of an interface of this machine)";
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    static MdnsAddress parse(String address) {
        if (!address.startsWith(SCHEME)) {
            throw new IllegalArgumentException("address: '" + address + "'" + EXPECTED);
        }
        String host = address.substring(SCHEME.length());
        if (host.endsWith("/")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        if (!IPV4.matcher(host).matches()) {
            throw new IllegalArgumentException("address: '" + address + "'" + EXPECTED);
        }
        try {
            InetAddress bind = InetAddress.getByName(host); // a literal: no lookup
            NetworkInterface networkInterface = NetworkInterface.getByInetAddress(bind);
            if (networkInterface == null) {
                throw new IllegalArgumentException(
                        "address: '" + address + "': no interface of this machine has " + host + EXPECTED);
            }
            return new MdnsAddress(bind, networkInterface);
        } catch (UnknownHostException | SocketException e) {
            throw new IllegalArgumentException("address: '" + address + "'" + EXPECTED, e);
        }
    }
}
