package io.courier.filter;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The head of a service's chains when at least one method has a chain of its own: hands each call
 * to the chain of its method, found by the method's index. A call whose method is not one of the
 * service's descriptors (a generic call built elsewhere) takes the service's chain, with every
 * filter bound to the service.
 */
final class MethodChains implements Invoker {

    private final MethodDescriptor[] methods;
    private final Invoker[] chains;
    private final Invoker serviceChain;

    /**
     * @param chains each method's chain by index; one whose filters all stayed out for the method is
     *     the next invoker itself, and gets the chain's exit in front so that the contract holds
     */
    MethodChains(List<MethodDescriptor> methods, Invoker[] chains, Invoker serviceChain) {
        this.methods = methods.toArray(new MethodDescriptor[0]);
        this.chains = new Invoker[chains.length];
        for (int i = 0; i < chains.length; i++) {
            this.chains[i] = guarded(chains[i]);
        }
        this.serviceChain = guarded(serviceChain);
    }

    private static Invoker guarded(Invoker chain) {
        return chain instanceof ChainLink ? chain : ChainLink.exit(chain);
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        MethodDescriptor method = invocation.method();
        int index = method.index();
        Invoker chain = index >= 0
                        && index < methods.length
                        && (methods[index] == method
                                || methods[index].descriptor().equals(method.descriptor()))
                ? chains[index]
                : serviceChain;
        return chain.invoke(invocation);
    }

    @Override
    public String toString() {
        return "filter chains by method";
    }
}
