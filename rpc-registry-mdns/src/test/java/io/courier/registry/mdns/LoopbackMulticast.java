package io.courier.registry.mdns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Multicast on the loopback interface, which the tests' mDNS runs on and which Linux brings up without
 * it: turned on for the test run ({@code ip link set lo multicast on}, as root) when it is off, and off
 * again when the run ends. Where it cannot be turned on, the tests are skipped (JUnit assumption),
 * except under CI ({@code CI=true}), where that fails them.
 */
public final class LoopbackMulticast implements BeforeAllCallback {

    private static final Path FLAGS = Path.of("/sys/class/net/lo/flags");
    private static final int IFF_MULTICAST = 0x1000;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // The launcher session's store, not the root context's: Surefire runs each test class as its own
        // execution request, whose root store (and server) closed after every class; the session lasts
        // as long as the test JVM.
        context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LoopbackMulticast.class, key -> prepare(), Restore.class);
    }

    private static Restore prepare() {
        if (multicastOn()) {
            return new Restore(false);
        }
        String why = ip("on");
        if (multicastOn()) {
            return new Restore(true);
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but multicast cannot be turned on on lo (`ip link set lo multicast"
                    + " on` as root): " + why);
        }
        Assumptions.abort("multicast is off on lo and cannot be turned on here: " + why);
        return null;
    }

    static boolean multicastOn() {
        try {
            String flags = Files.readString(FLAGS, StandardCharsets.US_ASCII).strip();
            return (Integer.decode(flags) & IFF_MULTICAST) != 0;
        } catch (IOException | NumberFormatException e) {
            return false; // not Linux, or no such interface
        }
    }

    /** Runs {@code ip link set lo multicast <state>}; what went wrong, or an empty string. */
    private static String ip(String state) {
        try {
            Process ip = new ProcessBuilder("ip", "link", "set", "lo", "multicast", state)
                    .redirectErrorStream(true)
                    .start();
            if (!ip.waitFor(10, TimeUnit.SECONDS)) {
                ip.destroyForcibly();
                return "ip did not finish within 10 s";
            }
            return new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    /** Turns multicast off again at the end of the run if this run turned it on. */
    private record Restore(boolean turnedOn) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            if (turnedOn) {
                ip("off");
            }
        }
    }
}
