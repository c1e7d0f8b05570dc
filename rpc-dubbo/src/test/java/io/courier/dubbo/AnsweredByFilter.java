package io.courier.dubbo;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.dubbo.fixture.Accounts;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, on a Courier consumer of {@link Accounts}, the answers by the {@code served-by} attachment
 * they carried back: each stock Dubbo provider names itself {@code dubbo:<port>}.
 */
@Extension("answered-by")
@Activate(sides = Side.CONSUMER, order = 950)
public final class AnsweredByFilter implements FilterFactory {

    static final Map<String, LongAdder> ANSWERS = new ConcurrentHashMap<>();

    @Override
    public Filter bind(FilterContext context) {
        if (!context.service().interfaceName().equals(Accounts.class.getName())) {
            return null;
        }
        return (invocation, chain) -> chain.proceed(invocation).thenApply(result -> {
            String servedBy = result.attachments().get("served-by");
            if (servedBy != null) {
                ANSWERS.computeIfAbsent(servedBy, key -> new LongAdder()).increment();
            }
            return result;
        });
    }

    /** The answers each provider gave so far. */
    static long answers(String servedBy) {
        LongAdder count = ANSWERS.get(servedBy);
        return count == null ? 0 : count.sum();
    }
}
