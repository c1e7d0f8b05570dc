package io.courier.dubbo;

import java.util.Objects;
import java.util.Set;

/**
 * How a provider's port serves Apache Dubbo callers, and how a consumer's connections to Dubbo
 * providers behave. Immutable; built with {@link #builder()}.
 *
 * @param maxBodyBytes the largest body a Dubbo frame may declare (default 8 MiB, Dubbo's own payload
 *     limit); a larger one is answered {@code BAD_REQUEST} and the connection closed, before any of the
 *     body is buffered
 * @param frameDeadlineMillis how long the rest of a frame may take to arrive once its first byte has
 *     (default 10 s, as for Courier's frames); a peer that trickles is disconnected
 * @param registeredInterfaces the interfaces whose providers also register in Dubbo's ZooKeeper layout
 *     so stock Dubbo consumers find them; {@code *} names every interface (default: none)
 * @param heartbeatMillis the heartbeat Dubbo consumers are asked to keep (the {@code heartbeat}
 *     parameter of the registered URL; default 15 s, Courier's own, well inside the server's idle
 *     limit of three heartbeats), and the one a Courier consumer keeps on its idle connections to Dubbo
 *     providers (closed after three heartbeats of silence)
 * @param servedInterfaces the exported interfaces Dubbo callers may call; {@code *} names every
 *     interface (the default); a call to another is answered as for a service not exported
 * @param registerMode where in Dubbo's layout the registered interfaces go, in Dubbo's own terms:
 *     {@code interface} (interface-level, {@code /dubbo/<interface>/providers}), {@code instance}
 *     (Dubbo 3's application-level discovery) or {@code all} (both, the default, as Dubbo 3's own
 *     providers register)
 */
public record DubboOptions(
        int maxBodyBytes,
        long frameDeadlineMillis,
        Set<String> registeredInterfaces,
        long heartbeatMillis,
        Set<String> servedInterfaces,
        String registerMode) {

    /** The values of {@link #registerMode()}. */
    public static final Set<String> REGISTER_MODES = Set.of("interface", "instance", "all");

    /** Every interface, in {@link #registeredInterfaces()} and {@link #servedInterfaces()}. */
    public static final String EVERY_INTERFACE = "*";

    /** The defaults. */
    public static final DubboOptions DEFAULTS = builder().build();

    public DubboOptions {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
        }
        if (frameDeadlineMillis <= 0) {
            throw new IllegalArgumentException("frameDeadlineMillis: " + frameDeadlineMillis + " (expected: > 0)");
        }
        if (heartbeatMillis <= 0) {
            throw new IllegalArgumentException("heartbeatMillis: " + heartbeatMillis + " (expected: > 0)");
        }
        registeredInterfaces = Set.copyOf(Objects.requireNonNull(registeredInterfaces, "registeredInterfaces"));
        servedInterfaces = Set.copyOf(Objects.requireNonNull(servedInterfaces, "servedInterfaces"));
        if (!REGISTER_MODES.contains(registerMode)) {
            throw new IllegalArgumentException(
                    "registerMode: '" + registerMode + "' (expected: one of interface, instance, all)");
        }
    }

    /** Whether Dubbo callers may call the exported {@code interfaceName}. */
    public boolean serves(String interfaceName) {
        return servedInterfaces.contains(EVERY_INTERFACE) || servedInterfaces.contains(interfaceName);
    }

    /** Whether providers of {@code interfaceName} register in Dubbo's layout. */
    public boolean registers(String interfaceName) {
        return registeredInterfaces.contains(EVERY_INTERFACE) || registeredInterfaces.contains(interfaceName);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DubboOptions}; every setting starts at its default. */
    public static final class Builder {
        private int maxBodyBytes = 8 * 1024 * 1024;
        private long frameDeadlineMillis = 10_000;
        private Set<String> registeredInterfaces = Set.of();
        private long heartbeatMillis = 15_000;
        private Set<String> servedInterfaces = Set.of(EVERY_INTERFACE);
        private String registerMode = "all";

        private Builder() {}

        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder frameDeadlineMillis(long frameDeadlineMillis) {
            this.frameDeadlineMillis = frameDeadlineMillis;
            return this;
        }

        public Builder registeredInterfaces(Set<String> registeredInterfaces) {
            this.registeredInterfaces = registeredInterfaces;
            return this;
        }

        public Builder heartbeatMillis(long heartbeatMillis) {
            this.heartbeatMillis = heartbeatMillis;
            return this;
        }

        public Builder servedInterfaces(Set<String> servedInterfaces) {
            this.servedInterfaces = servedInterfaces;
            return this;
        }

        public Builder registerMode(String registerMode) {
            this.registerMode = registerMode;
            return this;
        }

        public DubboOptions build() {
            return new DubboOptions(
                    maxBodyBytes,
                    frameDeadlineMillis,
                    registeredInterfaces,
                    heartbeatMillis,
                    servedInterfaces,
                    registerMode);
        }
    }
}
