package io.courier.proxy.internal;

import java.lang.invoke.MethodHandles;

/** Method handle lookups for the members of service interfaces. */
final class Lookups {

    private Lookups() {}

    /**
     * A lookup with {@code PRIVATE} access to {@code type} when its package is open to Courier
     * (always on the class path), which reaches package-private interfaces and default methods;
     * otherwise the public lookup, which still reaches public methods of exported packages.
     */
    static MethodHandles.Lookup into(Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException notOpen) {
            return MethodHandles.publicLookup();
        }
    }
}
