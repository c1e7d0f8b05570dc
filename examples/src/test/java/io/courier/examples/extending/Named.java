package io.courier.examples.extending;

import io.courier.api.Idempotent;
import io.courier.api.RpcContext;

/** A service that says which instance answered, and with which tenant. */
public interface Named {

    /** Reads only, so a call that may have run is safe to retry on another instance. */
    @Idempotent
    String name();

    /** The {@code tenant} attachment of the request, as the implementation sees it. */
    String tenant();

    /** The implementation the tests export. */
    final class Instance implements Named {
        private final String name;

        public Instance(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String tenant() {
            return RpcContext.current().requestAttachments().get(TenantFilter.ATTACHMENT);
        }
    }
}
