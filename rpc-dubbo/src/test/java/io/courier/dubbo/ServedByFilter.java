package io.courier.dubbo;

import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.dubbo.fixture.Accounts;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.HashMap;
import java.util.Map;

/** Answers every call of {@link Accounts} with the attachment {@code served-by=courier}. */
@Extension("served-by")
@Activate(sides = Side.PROVIDER, order = 950)
public final class ServedByFilter implements FilterFactory {

    @Override
    public Filter bind(FilterContext context) {
        if (!context.service().interfaceName().equals(Accounts.class.getName())) {
            return null;
        }
        return (invocation, chain) -> chain.proceed(invocation).thenApply(result -> {
            Map<String, String> attachments = new HashMap<>(result.attachments());
            attachments.put("served-by", "courier");
            return result.hasException()
                    ? RpcResult.ofException(result.exception(), attachments)
                    : RpcResult.of(result.value(), attachments);
        });
    }
}
