package io.courier.dubbo;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;

/** The configuration keys of the {@code dubbo} protocol on a provider's port (docs/dubbo.md). */
public final class DubboKeys implements ConfigKeyCatalog {

    /** Whether the provider's port serves Dubbo callers when rpc-dubbo is on the class path. */
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.of(
            "courier.dubbo.enabled",
            ValueType.bool(),
            true,
            "true",
            "Whether the provider's port serves Apache Dubbo's dubbo protocol (hessian2) beside Courier's protocol"
                    + " when rpc-dubbo is on the class path (docs/dubbo.md).");
    /** {@link DubboOptions#registeredInterfaces()}. */
    public static final ConfigKey<List<String>> REGISTER = ConfigKey.of(
            "courier.dubbo.register",
            ValueType.list(),
            List.of(),
            "(empty)",
            "Interfaces whose providers also register in Dubbo's ZooKeeper layout (/dubbo/<interface>/providers) so"
                    + " stock Dubbo consumers find them; * for every interface. Empty: Courier's layout only.");
    /** {@link DubboOptions#registerMode()}. */
    public static final ConfigKey<String> REGISTER_MODE = ConfigKey.of(
            "courier.dubbo.register-mode",
            ValueType.choice("interface", "instance", "all"),
            DubboOptions.DEFAULTS.registerMode(),
            "all",
            "Where the interfaces courier.dubbo.register lists go in Dubbo's layout: interface (interface-level),"
                    + " instance (Dubbo 3's application-level discovery) or all (both, as Dubbo 3's own providers).");
    /** {@link DubboOptions#servedInterfaces()}. */
    public static final ConfigKey<List<String>> SERVE = ConfigKey.of(
            "courier.dubbo.serve",
            ValueType.list(),
            List.of(DubboOptions.EVERY_INTERFACE),
            "*",
            "Exported interfaces Dubbo callers may call over dubbo; * for every interface. A call to another is"
                    + " answered as for a service not exported.");
    /** {@link DubboOptions#maxBodyBytes()}. */
    public static final ConfigKey<Integer> MAX_BODY_BYTES = ConfigKey.of(
            "courier.dubbo.max-body-bytes",
            ValueType.integer(1, Integer.MAX_VALUE),
            DubboOptions.DEFAULTS.maxBodyBytes(),
            "8388608",
            "The largest body a Dubbo frame may declare; a larger one is answered BAD_REQUEST and the connection"
                    + " closed before the body is read.");
    /** {@link DubboOptions#frameDeadlineMillis()}. */
    public static final ConfigKey<Long> FRAME_DEADLINE_MILLIS = ConfigKey.of(
            "courier.dubbo.frame-deadline-millis",
            ValueType.longInteger(1, Long.MAX_VALUE),
            DubboOptions.DEFAULTS.frameDeadlineMillis(),
            "10000",
            "How long the rest of a Dubbo frame may take to arrive once it has begun; a slower peer is"
                    + " disconnected.");
    /** {@link DubboOptions#heartbeatMillis()}. */
    public static final ConfigKey<Long> HEARTBEAT_MILLIS = ConfigKey.of(
            "courier.dubbo.heartbeat-millis",
            ValueType.longInteger(1, Long.MAX_VALUE),
            DubboOptions.DEFAULTS.heartbeatMillis(),
            "15000",
            "The heartbeat Dubbo consumers are asked to keep (the heartbeat parameter of the registered URL), and"
                    + " the one Courier's consumer keeps with Dubbo providers; keep it under a third of the server's"
                    + " idle limit.");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(
                ENABLED, REGISTER, REGISTER_MODE, SERVE, MAX_BODY_BYTES, FRAME_DEADLINE_MILLIS, HEARTBEAT_MILLIS);
    }
}
