package io.courier.examples.extending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code tenant} filter, found through META-INF/services, between real applications. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TenantFilterTest {

    private static final String URL_KEY = "courier.service." + Named.class.getName() + ".url";

    private final Applications applications = new Applications();

    @AfterEach
    void close() {
        applications.close();
    }

    private Courier provider() {
        return applications.start(Applications.builder("orders")
                .property("courier.filter.tenant.required", "true")
                .export(new Named.Instance("orders-1")));
    }

    @Test
    void consumerWithATenant_reachesTheImplementationWithIt() {
        Courier provider = provider();
        Courier consumer = applications.start(Applications.builder("shop")
                .property("courier.filter.tenant.id", "acme")
                .property(URL_KEY, "courier://127.0.0.1:" + provider.port()));

        assertThat(consumer.reference(Named.class).tenant()).isEqualTo("acme");
    }

    @Test
    void callWithoutATenant_isRefusedUnexecuted_namingTheRemedy() {
        Courier provider = provider();
        Courier consumer = applications.start(
                Applications.builder("shop").property(URL_KEY, "courier://127.0.0.1:" + provider.port()));
        Named named = consumer.reference(Named.class);

        assertThatThrownBy(named::tenant).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(e.notExecuted()).isTrue();
            assertThat(e.getMessage())
                    .contains("carries no 'tenant' attachment")
                    .contains("courier.filter.tenant.id");
        });
    }

    @Test
    void exemptMethod_isCalledWithoutATenant_whileOthersStillNeedOne() {
        Courier provider = applications.start(Applications.builder("orders")
                .property("courier.filter.tenant.required", "true")
                .property("courier.filter.tenant.exempt", "name")
                .export(new Named.Instance("orders-1")));
        Courier consumer = applications.start(
                Applications.builder("shop").property(URL_KEY, "courier://127.0.0.1:" + provider.port()));
        Named named = consumer.reference(Named.class);

        assertThat(named.name()).isEqualTo("orders-1");
        assertThatThrownBy(named::tenant).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code())
                .isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void callerMaySetTheTenantItself() {
        Courier provider = provider();
        Courier consumer = applications.start(
                Applications.builder("shop").property(URL_KEY, "courier://127.0.0.1:" + provider.port()));
        Named named = consumer.reference(Named.class);

        RpcContext.current().setAttachment(TenantFilter.ATTACHMENT, "globex");
        try {
            assertThat(named.tenant()).isEqualTo("globex");
        } finally {
            RpcContext.current().setAttachment(TenantFilter.ATTACHMENT, null);
        }
    }

    @Test
    void unconfiguredProvider_doesNotCheck() {
        Courier provider = applications.start(Applications.builder("orders").export(new Named.Instance("open")));
        Courier consumer = applications.start(
                Applications.builder("shop").property(URL_KEY, "courier://127.0.0.1:" + provider.port()));

        assertThat(consumer.reference(Named.class).tenant()).isNull();
    }

    @Test
    void invalidSetting_failsStartNamingKeyValueAndExpectation() {
        assertThatThrownBy(() -> applications.start(Applications.builder("orders")
                        .property("courier.filter.tenant.required", "yes")
                        .export(new Named.Instance("orders-1"))))
                .hasMessageContaining("courier.filter.tenant.required: 'yes' (expected: true or false)");
    }
}
