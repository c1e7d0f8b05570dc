package io.courier.events.core;

import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every broker's snapshot lists, in one order: its subscriptions by topic then group, and the
 * topics of its publishers and subscriptions by name, each subscription's dead-letter topic marked as
 * such unless it is also read or published as events.
 */
public final class SnapshotTopics {

    private SnapshotTopics() {}

    /** {@code subscriptions} by topic, then group. */
    public static <S extends Subscription> List<S> ordered(Collection<S> subscriptions) {
        List<S> ordered = new ArrayList<>(subscriptions);
        ordered.sort(Comparator.comparing((S s) -> s.options().topic())
                .thenComparing(s -> s.options().group()));
        return ordered;
    }

    /** Every topic name, sorted, mapped to whether it is a dead-letter topic. */
    public static SortedMap<String, Boolean> names(Set<String> published, List<? extends Subscription> subscriptions) {
        SortedMap<String, Boolean> names = new TreeMap<>();
        published.forEach(topic -> names.put(topic, false));
        for (Subscription subscription : subscriptions) {
            SubscriptionOptions<?> options = subscription.options();
            names.put(options.topic(), false);
            names.putIfAbsent(options.deadLetterTopic(), true);
        }
        return names;
    }
}
