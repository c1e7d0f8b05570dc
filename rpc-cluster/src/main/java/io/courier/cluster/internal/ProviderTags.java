package io.courier.cluster.internal;

import io.courier.api.DynamicConfig;
import io.courier.api.cluster.Candidate;
import java.util.HashSet;
import java.util.Set;

/**
 * The routing tags of a provider: those it registered plus those dynamic configuration adds to its
 * address ({@link DynamicConfig#tagRoutes()}). Used while routes are computed, not per call.
 */
public final class ProviderTags {

    private ProviderTags() {}

    public static Set<String> of(Candidate candidate, DynamicConfig config) {
        Set<String> registered = candidate.instance().tags();
        Set<String> added = config.tagRoutes().get(candidate.instance().endpoint());
        if (added == null || added.isEmpty()) {
            return registered;
        }
        Set<String> all = new HashSet<>(registered);
        all.addAll(added);
        return all;
    }
}
