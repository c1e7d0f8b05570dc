package io.courier.bootstrap.internal.settings;

import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.serialization.ClassAllowList;
import java.util.List;

/**
 * Builds the class allow-list of one service: the types its interface reaches (parameters, results,
 * declared exceptions and their fields) plus the packages the user allowed
 * ({@code courier.serialization.allowed-packages}), under the protocol's size limits. Read once per
 * export or reference; immutable afterwards.
 */
public final class AllowLists {

    private final ProtocolOptions limits;
    private final List<String> packages;

    public AllowLists(ProtocolOptions limits, List<String> packages) {
        this.limits = limits;
        this.packages = List.copyOf(packages);
    }

    public DeserializationPolicy of(ServiceDescriptor service) {
        ClassAllowList.Builder builder = ClassAllowList.builder().limits(limits).allowTypesOf(service);
        for (String name : packages) {
            builder.allowPackage(name);
        }
        return builder.build();
    }
}
