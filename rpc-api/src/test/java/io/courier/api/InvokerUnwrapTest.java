package io.courier.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InvokerUnwrapTest {

    /** A leaf invoker with something a layer above may look for. */
    static final class Leased implements Invoker {
        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            return CompletableFuture.completedFuture(RpcResult.of(null));
        }
    }

    /** A decorator that says what it decorates. */
    static class Decorator implements Invoker {
        private final Invoker delegate;

        Decorator(Invoker delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            return delegate.invoke(invocation);
        }

        @Override
        public Invoker unwrap() {
            return delegate;
        }
    }

    @Test
    void as_findsTheInvokerItself_orOneUnderItsDecorators() {
        Leased leased = new Leased();
        Decorator decorated = new Decorator(new Decorator(leased));

        assertThat(leased.as(Leased.class)).containsSame(leased);
        assertThat(decorated.as(Leased.class)).containsSame(leased);
        assertThat(decorated.as(Decorator.class)).containsSame(decorated);
    }

    @Test
    void as_isEmpty_whenNothingUnderTheDecoratorsIsOfTheType() {
        Invoker plain = invocation -> CompletableFuture.completedFuture(RpcResult.of(null));

        assertThat(plain.unwrap()).isSameAs(plain);
        assertThat(plain.as(Leased.class)).isEmpty();
        assertThat(new Decorator(plain).as(Leased.class)).isEmpty();
    }

    @Test
    void as_endsOnADecoratorThatUnwrapsToItsOwnDecorator() {
        Invoker[] other = new Invoker[1];
        Invoker loop = new Decorator(invocation -> other[0].invoke(invocation)) {
            @Override
            public Invoker unwrap() {
                return other[0];
            }
        };
        other[0] = new Decorator(loop);

        assertThat(loop.as(Leased.class)).isEmpty();
    }
}
