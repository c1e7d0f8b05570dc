package io.courier.examples.extending;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A filter on both sides that carries a tenant id with every call, configured by three keys:
 *
 * <ul>
 *   <li>consumer: {@code courier.filter.tenant.id=acme} adds the attachment {@code tenant=acme} to
 *       every call that does not carry one already (a caller may set its own with
 *       {@code RpcContext.current().setAttachment("tenant", ...)});
 *   <li>provider: {@code courier.filter.tenant.required=true} refuses calls without a tenant with
 *       {@link ErrorCode#FORBIDDEN}, before the implementation runs; the implementation reads the
 *       tenant from {@code RpcContext.current().requestAttachments()}.
 * </ul>
 *
 * <p>This class is the factory Courier activates; {@link #bind} makes the filter that runs for each
 * service, or returns {@code null} when the filter is unconfigured, and it is then not in the chain
 * at all. Order 460: on the provider right after Courier's token check (450), before deadlines and
 * limits spend anything on a call that will be refused; on the consumer before
 * {@code consumer-signature} (900), so that a signature can cover the attachment.
 */
@Extension("tenant")
@Activate(
        sides = {Side.CONSUMER, Side.PROVIDER},
        order = 460)
public final class TenantFilter implements FilterFactory {

    /** The attachment that carries the tenant. */
    public static final String ATTACHMENT = "tenant";

    static final String ID_KEY = "courier.filter.tenant.id";
    static final String REQUIRED_KEY = "courier.filter.tenant.required";
    static final String EXEMPT_KEY = "courier.filter.tenant.exempt";

    @Override
    public Filter bind(FilterContext context) {
        if (context.side() == Side.CONSUMER) {
            Optional<String> id = context.property(ID_KEY);
            if (id.isEmpty()) {
                return null;
            }
            if (id.get().isBlank() || id.get().length() > 64) {
                // Thrown at start-up, failing the reference: name the key, the value and what is expected.
                throw new IllegalArgumentException(
                        ID_KEY + ": '" + id.get() + "' (expected: 1 to 64 characters, not blank)");
            }
            String tenant = id.get().strip();
            return (invocation, chain) -> chain.proceed(
                    invocation.attachment(ATTACHMENT) == null
                            ? invocation.withAttachment(ATTACHMENT, tenant)
                            : invocation);
        }
        String required = context.property(REQUIRED_KEY).orElse("false");
        return switch (required) {
            case "true" -> new RequireTenant(exemptMethods(context));
            case "false" -> null;
            default ->
                throw new IllegalArgumentException(REQUIRED_KEY + ": '" + required + "' (expected: true or false)");
        };
    }

    private static Set<String> exemptMethods(FilterContext context) {
        Set<String> names = new HashSet<>();
        for (String name : context.property(EXEMPT_KEY).orElse("").split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return Set.copyOf(names);
    }

    /** The provider's check: a call without a tenant is refused, but in the exempt methods. */
    private record RequireTenant(Set<String> exempt) implements Filter {

        /** Once per method: an exempt method's chain leaves this filter out, so its calls pay nothing. */
        @Override
        public Filter forMethod(FilterContext context, MethodDescriptor method) {
            return exempt.contains(method.name()) ? null : this;
        }

        @Override
        public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
            if (invocation.attachment(ATTACHMENT) == null) {
                // A refusal is a failed future, never a throw; FORBIDDEN is "not executed" and never retried.
                return CompletableFuture.failedFuture(new RpcException(
                        ErrorCode.FORBIDDEN,
                        "tenant: " + invocation + " carries no '" + ATTACHMENT + "' attachment (expected: " + ID_KEY
                                + " set on the consumer)"));
            }
            return chain.proceed(invocation);
        }
    }
}
