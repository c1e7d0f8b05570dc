package io.courier.bench.micro;

import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.bench.workload.Page;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import io.courier.bench.workload.UserService;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.serialization.ClassAllowList;
import java.lang.reflect.Type;
import java.time.LocalDateTime;

/** The values the micro benchmarks serialize, with the declared types and the allow-list Courier would use. */
final class WorkloadValues {

    static final ServiceDescriptor SERVICE = ServiceDescriptor.of(UserService.class);

    /** What a Courier server or client of {@link UserService} allows, with the default limits. */
    static final DeserializationPolicy POLICY = ClassAllowList.of(SERVICE, ProtocolOptions.defaults());

    /**
     * A fixed creation time, so that sizes do not vary with the clock; with a full nanosecond field, as the clock's
     * microseconds give on Linux.
     */
    private static final LocalDateTime CREATED = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000);

    private WorkloadValues() {}

    /** {@code user} (one {@code User}) or {@code page} (a page of 15): the value. */
    static Object value(String name) {
        return switch (name) {
            case "user" -> SyntheticUserService.user(1, CREATED);
            case "page" -> SyntheticUserService.page(1, CREATED);
            default -> throw new IllegalArgumentException("value: " + name + " (expected: user or page)");
        };
    }

    /** The declared type of {@link #value(String)}: what the interface says, {@code User} or {@code Page<User>}. */
    static Type declaredType(String name) {
        String method = name.equals("user") ? "getUser(long)" : "listUser(int)";
        return SERVICE.find(method).resultType();
    }

    static Class<?> valueClass(String name) {
        return name.equals("user") ? User.class : Page.class;
    }
}
