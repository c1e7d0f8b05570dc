package io.courier.filter;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.internal.BrokenContract;
import java.util.concurrent.CompletableFuture;

/**
 * One filter and everything after it, or the chain's exit: the link that calls the invoker after the
 * last filter. Each link keeps the {@link Invoker} contract (never throws, never returns {@code null})
 * even when its filter or the next invoker breaks it, and names the culprit in the failure: a filter
 * by its extension name, the next invoker by its {@code toString()}.
 *
 * <p>This is {@link Invoker#invokeSafely} written out once more, on purpose, and only here. A filter
 * is not an invoker: reaching that guard would take a wrapper per filter, two more frames per filter
 * on every call. And a guard in rpc-api at the chain's exit would put an rpc-api frame between the
 * filters and the provider's dispatcher, which {@code ProviderPathTest} forbids. The consumer path
 * of {@code CallPathTest} (one default filter) measures 17 Courier frames with this link; through
 * {@code invokeSafely} it would be 20 (a guarded head, a guard and a proceed frame per filter, a guard
 * and a proceed frame at the exit, counted on that stack), and two more for each further filter.
 * What a broken call becomes is still defined once, in {@link BrokenContract}.
 */
final class ChainLink implements Invoker {

    /** The filter of this link; {@code null} for the chain's exit. */
    private final Filter filter;

    /** What failure messages name: the filter, or the exit's next invoker. */
    private final Object culprit;

    /** What the filter proceeds to: the next link (never an unguarded invoker). */
    private final Filter.Chain rest;

    /** The exit's next invoker; {@code null} for a filter's link. */
    private final Invoker next;

    /** {@code filter}, named {@code name}, in front of {@code next} (a link, or any invoker). */
    ChainLink(Filter filter, String name, Invoker next) {
        this.filter = filter;
        this.culprit = "filter '" + name + "'";
        this.rest = (next instanceof ChainLink link ? link : exit(next))::invoke;
        this.next = null;
    }

    private ChainLink(Invoker next) {
        this.filter = null;
        this.culprit = next;
        this.rest = null;
        this.next = next;
    }

    /** The chain's exit: calls {@code next}, keeping the contract for it. */
    static ChainLink exit(Invoker next) {
        return new ChainLink(next);
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        try {
            CompletableFuture<RpcResult> result =
                    filter != null ? filter.filter(invocation, rest) : next.invoke(invocation);
            return BrokenContract.nonNull(result, this, invocation);
        } catch (RuntimeException | LinkageError e) {
            return BrokenContract.thrown(e, this, invocation);
        }
    }

    /** Names the filter, or the exit's next invoker, in failure messages. */
    @Override
    public String toString() {
        return String.valueOf(culprit);
    }
}
