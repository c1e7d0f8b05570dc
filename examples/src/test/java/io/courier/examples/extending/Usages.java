package io.courier.examples.extending;

import io.courier.api.Reference;
import io.courier.api.ServiceOptions;
import io.courier.bootstrap.Courier;
import java.util.List;

/** How an application chooses the extensions of docs/extending.md, as that page shows it. */
final class Usages {

    // region primary
    @Reference(loadBalancer = "primary") // or courier.consumer.load-balancer=primary,
    private Orders orders; // or ReferenceOptions.builder().loadBalancer("primary")
    // endregion

    // region records
    @Reference(serializer = "records") // or courier.consumer.serializer=records
    private Orders recordOrders;

    static void exportAcceptingRecords(Courier provider) {
        // or @Export(serializers = {"records", "protostuff"}) on the class,
        // or courier.provider.serializers=records,protostuff
        provider.export(
                new Orders.Desk(),
                ServiceOptions.builder()
                        .serializers(List.of("records", "protostuff"))
                        .build());
    }
    // endregion

    private Usages() {}

    static Courier withFileRegistry() {
        // region file-registry
        return Courier.builder()
                .registry("file:///var/run/courier") // or courier.registry.address=file:///var/run/courier
                .start();
        // endregion
    }

    Orders orders() {
        return orders != null ? orders : recordOrders;
    }
}
