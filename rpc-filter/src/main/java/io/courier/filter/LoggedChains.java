package io.courier.filter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The filter chains an application has already logged, so that each service's chain is logged once
 * per side (two references of one service, or a reference re-created, do not repeat it; a chain that
 * differs is logged). One per application, in its shared objects. Thread-safe.
 */
final class LoggedChains {

    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /** Whether {@code chain} (side, service and filter names) is logged for the first time. */
    boolean first(String chain) {
        return logged.add(chain);
    }
}
