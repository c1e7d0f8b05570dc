package io.courier.cluster;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcContext;
import io.courier.api.RpcResult;
import java.util.concurrent.CompletableFuture;

/**
 * Gives a call without a routing tag the tag of the request being served on this thread, else the
 * reference's default tag, as an attachment, so that routing sees it and the provider passes it on;
 * in front of a strategy that does not do it itself (see {@code CandidateSelector.prepare}; the
 * built-in strategies do).
 */
final class TagPropagatingInvoker implements Invoker {

    private final Invoker delegate;
    private final String defaultTag;

    TagPropagatingInvoker(Invoker delegate, String defaultTag) {
        this.delegate = delegate;
        this.defaultTag = defaultTag;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        String own = invocation.attachment(RpcContext.TAG);
        if (own != null && !own.isEmpty()) {
            return delegate.invoke(invocation);
        }
        String tag = RpcContext.current().requestAttachments().get(RpcContext.TAG);
        if (tag == null || tag.isEmpty()) {
            tag = defaultTag;
        }
        return tag.isEmpty()
                ? delegate.invoke(invocation)
                : delegate.invoke(invocation.withAttachment(RpcContext.TAG, tag));
    }

    @Override
    public Invoker unwrap() {
        return delegate;
    }
}
