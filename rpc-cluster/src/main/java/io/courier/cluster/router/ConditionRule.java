package io.courier.cluster.router;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.RouteKey;
import io.courier.cluster.internal.ProviderTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One condition-routing rule: <em>when</em> a call matches the conditions before {@code =>},
 * <em>then</em> only the providers matching the conditions after it may serve it.
 *
 * <pre>
 * method = getUser =&gt; tags = blue
 * consumer.app = web &amp; method = find*,list* =&gt; host != 10.0.0.5
 * force tag = canary =&gt; app = users-canary
 * consumer.host = 10.0.0.9 =&gt;
 * </pre>
 *
 * <p>Grammar: {@code rule = ["force"] [conditions] "=>" [conditions]},
 * {@code conditions = condition {"&" condition}}, {@code condition = key ("=" | "!=") value {"," value}}.
 * Keys before {@code =>}: {@code method}, {@code tag}, {@code consumer.app}, {@code consumer.host};
 * after it: {@code host}, {@code port}, {@code address} ({@code host:port}), {@code app},
 * {@code tags}, {@code metadata.<name>}. A value is exact, {@code prefix*}, {@code *suffix} or
 * {@code *}; values separated by commas are alternatives; {@code &} means "and". An empty "when"
 * matches every call; an empty "then" denies the matched calls every provider.
 *
 * <p>A rule that would leave no provider is ignored (and logged) unless it starts with
 * {@code force}; a deny rule (empty "then") always applies.
 *
 * <p>The grammar is data, not code: no expressions, scripts, regular expressions or class names;
 * a rule is at most 4,096 characters with at most 32 conditions per side and 64 values per
 * condition. Immutable and thread-safe.
 */
public final class ConditionRule {

    private final String text;
    private final boolean force;
    private final List<Match> when;
    private final List<Match> then;

    ConditionRule(String text, boolean force, List<Match> when, List<Match> then) {
        this.text = text;
        this.force = force;
        this.when = when;
        this.then = then;
    }

    /**
     * Parses {@code text}.
     *
     * @throws ConditionRuleException naming the problem and its position if {@code text} does not
     *     follow the grammar
     */
    public static ConditionRule parse(String text) {
        Objects.requireNonNull(text, "text");
        return ConditionParser.parse(text);
    }

    /** The rule as written. */
    public String text() {
        return text;
    }

    /** Whether the rule applies even when it leaves no provider. */
    public boolean force() {
        return force;
    }

    /** Whether the rule denies matched calls every provider (nothing after {@code =>}). */
    public boolean denies() {
        return then.isEmpty();
    }

    /** Whether the consumer-only conditions hold for this consumer; false means the rule never applies. */
    boolean mayApplyTo(String application, String host) {
        for (Match match : when) {
            if (match.field() == Field.CONSUMER_APP && !match.test(application)) {
                return false;
            }
            if (match.field() == Field.CONSUMER_HOST && !match.test(host)) {
                return false;
            }
        }
        return true;
    }

    /** Whether calls with {@code key} from this consumer match the conditions before {@code =>}. */
    boolean appliesTo(RouteKey key, String application, String host) {
        for (Match match : when) {
            String value =
                    switch (match.field()) {
                        case METHOD -> key.method().name();
                        case TAG -> key.tag();
                        case CONSUMER_APP -> application;
                        case CONSUMER_HOST -> host;
                        default -> throw new IllegalStateException("provider key before '=>': " + match);
                    };
            if (!match.test(value)) {
                return false;
            }
        }
        return true;
    }

    /** The candidates matching the conditions after {@code =>}, in order. */
    <C extends Candidate> List<C> select(List<C> candidates, DynamicConfig config) {
        if (then.isEmpty()) {
            return List.of();
        }
        List<C> selected = new ArrayList<>(candidates.size());
        for (C candidate : candidates) {
            if (accepts(candidate, config)) {
                selected.add(candidate);
            }
        }
        return selected;
    }

    private boolean accepts(Candidate candidate, DynamicConfig config) {
        ServiceInstance instance = candidate.instance();
        Endpoint endpoint = instance.endpoint();
        for (Match match : then) {
            boolean holds =
                    switch (match.field()) {
                        case HOST -> match.test(endpoint.host());
                        case PORT -> match.test(Integer.toString(endpoint.port()));
                        case ADDRESS -> match.test(endpoint.toString());
                        case APP -> match.test(instance.application());
                        case TAGS -> match.testAny(ProviderTags.of(candidate, config));
                        case METADATA -> match.test(instance.metadata().get(match.metadataName()));
                        default -> throw new IllegalStateException("call key after '=>': " + match);
                    };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
