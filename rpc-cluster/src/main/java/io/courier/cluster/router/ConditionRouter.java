package io.courier.cluster.router;

import io.courier.api.DynamicConfig;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.RouteKey;
import io.courier.api.cluster.Router;
import io.courier.api.cluster.RouterContext;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code condition}, second in the chain (order 200): applies the service's condition rules
 * ({@link DynamicConfig#conditionRules()}, grammar in {@link ConditionRule}) in their listed order,
 * each to the result of the previous one.
 *
 * <p>Rules are parsed when the configuration arrives, never per call. A rule that does not parse is
 * logged with its error position and skipped; the other rules still apply. Rules whose consumer
 * conditions ({@code consumer.app}, {@code consumer.host}) exclude this consumer are dropped at that
 * point; with no rule left the router stays out of the chain.
 */
@Extension("condition")
@Activate(sides = Side.CONSUMER, order = 200)
public final class ConditionRouter implements Router {

    private static final Logger log = LoggerFactory.getLogger(ConditionRouter.class);

    private final List<ConditionRule> rules;
    private final RouterContext context;

    /** The extension: no rules until bound to a configuration. */
    public ConditionRouter() {
        this(List.of(), null);
    }

    private ConditionRouter(List<ConditionRule> rules, RouterContext context) {
        this.rules = rules;
        this.context = context;
    }

    @Override
    public Router bind(RouterContext context) {
        List<ConditionRule> applicable = new ArrayList<>();
        for (String text : context.config().conditionRules()) {
            ConditionRule rule;
            try {
                rule = ConditionRule.parse(text);
            } catch (ConditionRuleException e) {
                log.error("Skipping a condition rule of {}: {}", context.serviceKey(), e.getMessage());
                continue;
            }
            if (rule.mayApplyTo(context.application(), context.host())) {
                applicable.add(rule);
            }
        }
        return applicable.isEmpty() ? null : new ConditionRouter(List.copyOf(applicable), context);
    }

    @Override
    public <C extends Candidate> List<C> route(List<C> candidates, RouteKey key) {
        List<C> routed = candidates;
        for (ConditionRule rule : rules) {
            if (!rule.appliesTo(key, context.application(), context.host())) {
                continue;
            }
            List<C> selected = rule.select(routed, context.config());
            if (selected.isEmpty() && !rule.force() && !rule.denies() && !routed.isEmpty()) {
                log.warn(
                        "Condition rule '{}' leaves no provider of {} for {}; ignoring it (start it with 'force' to"
                                + " apply it anyway)",
                        rule,
                        context.serviceKey(),
                        key);
                continue;
            }
            routed = selected;
        }
        return routed;
    }
}
