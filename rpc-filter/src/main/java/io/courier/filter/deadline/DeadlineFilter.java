package io.courier.filter.deadline;

import io.courier.api.ReferenceOptions;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.api.time.Ticker;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.Optional;

/**
 * Extension {@code deadline}, both sides, on by default ({@code courier.filter.deadline.enabled}):
 * the consumer sends the call's remaining budget ({@code courier.filter.deadline.budget-millis},
 * by default the reference's timeout), the provider refuses requests whose budget is spent. See
 * {@link Deadlines}.
 */
@Extension("deadline")
@Activate(
        sides = {Side.CONSUMER, Side.PROVIDER},
        order = DeadlineFilter.ORDER)
public final class DeadlineFilter implements FilterFactory {

    /**
     * Consumer: after tracing and metrics (which see its refusals), before limits and signing
     * (which signs the budget). Provider: after authentication, before limits, so that a stale
     * request takes no limit slot.
     */
    public static final int ORDER = 500;

    @Override
    public Filter bind(FilterContext context) {
        boolean enabled = context.setting(FilterKeys.DEADLINE_ENABLED).orElse(true);
        if (!enabled) {
            return null;
        }
        Ticker ticker = context.ticker();
        if (context.side() == Side.PROVIDER) {
            return new ProviderDeadline(ticker);
        }
        long defaultBudget = context.referenceOptions()
                .map(ReferenceOptions::timeoutMillis)
                .orElse(ReferenceOptions.DEFAULT_TIMEOUT_MILLIS);
        Optional<Long> configured = context.setting(FilterKeys.DEADLINE_BUDGET_MILLIS);
        ConsumerDeadline deadline = new ConsumerDeadline(
                configured.orElse(Math.min(defaultBudget, Deadlines.MAX_BUDGET_MILLIS)),
                configured.isPresent(),
                ticker);
        if (configured.isEmpty()) {
            // the budget is the reference's timeout: it follows a live timeout too
            context.onDynamicConfig(config -> {
                long live = config.live().timeoutMillis();
                deadline.budgetMillis(Math.min(live > 0 ? live : defaultBudget, Deadlines.MAX_BUDGET_MILLIS));
            });
        }
        return deadline;
    }
}
