package io.courier.bootstrap.fory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.fory.accounts.AccountClosedException;
import io.courier.bootstrap.fory.accounts.Accounts;
import io.courier.bootstrap.fory.accounts.AccountsV2;
import io.courier.bootstrap.fory.accounts.CountingAccounts;
import io.courier.bootstrap.fory.accounts.Unreached;
import io.courier.protocol.gadget.CanaryFlag;
import io.courier.protocol.gadget.Decoy;
import io.courier.protocol.model.Page;
import io.courier.protocol.model.User;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.Serializers;
import io.courier.serialization.fory.ForySerializer;
import io.courier.serialization.fory.HostileFory;
import io.courier.transport.CallOptions;
import io.courier.transport.TransportClient;
import io.courier.transport.TransportOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A provider exporting a service in fory only and a consumer calling it over 127.0.0.1: values,
 * exceptions, a consumer built from a newer version of the interface, and the mismatches (a type the
 * service does not reach, a class named in a hostile frame) refused with a clear error and nothing
 * executed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForyEndToEndTest {

    static final ServiceDescriptor ACCOUNTS = ServiceDescriptor.of(Accounts.class);
    static final DeserializationPolicy POLICY =
            ClassAllowList.builder().allowTypesOf(ACCOUNTS).build();

    static CountingAccounts implementation;
    static Courier provider;
    static Courier consumer;
    static Accounts accounts;

    @BeforeAll
    static void start() {
        implementation = new CountingAccounts();
        provider = Courier.builder()
                .application("fory-provider")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(implementation)
                .start();
        consumer = Courier.builder()
                .application("fory-consumer")
                .shutdownHook(false)
                .start();
        accounts = consumer.reference(
                Accounts.class,
                ReferenceOptions.builder()
                        .directEndpoints(List.of(endpoint()))
                        .serializer("fory")
                        .build());
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.close();
        }
        if (provider != null) {
            provider.close();
        }
        assertThat(CanaryFlag.INITIALIZED).isFalse();
    }

    static Endpoint endpoint() {
        return Endpoint.of("127.0.0.1", provider.port());
    }

    @Test
    void calls_carryUserAndPageLikeValuesInFory() {
        // the provider accepts fory only: an answer at all means fory carried the request
        assertThat(accounts.exists("dong.lea@gmail.com")).isTrue();
        assertThat(accounts.create(User.sample(3))).isTrue();
        assertThat(accounts.find(42)).isEqualTo(User.sample(42));
        assertThat(accounts.list(2)).isEqualTo(Page.sample(2, 15));
        assertThat(accounts.echo(List.of("a", "b"))).isEqualTo(List.of("a", "b"));
    }

    @Test
    void serverStream_carriesUsersInFory() throws Exception {
        CompletableFuture<List<User>> received = new CompletableFuture<>();
        accounts.users(20).subscribe(new Flow.Subscriber<>() {
            private final List<User> users = new ArrayList<>();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(User user) {
                users.add(user);
            }

            @Override
            public void onError(Throwable failure) {
                received.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                received.complete(users);
            }
        });

        assertThat(received.get(20, TimeUnit.SECONDS))
                .hasSize(20)
                .startsWith(User.sample(0))
                .endsWith(User.sample(19));
    }

    @Test
    void declaredException_arrivesAsItself() {
        assertThatThrownBy(() -> accounts.close(7)).isInstanceOfSatisfying(AccountClosedException.class, e -> {
            assertThat(e).hasMessage("account 7 is closed");
            assertThat(e.account()).isEqualTo(7);
        });
    }

    @Test
    void valueOfATypeTheServiceDoesNotReach_travelsInProtostuff_andTheProvidersAllowListRefusesIt() {
        int before = implementation.calls.get();

        // fory cannot write it, so protostuff does, inside the fory session; the provider reads it
        // under the service's allow-list, which does not reach the class
        assertThatThrownBy(() -> accounts.echo(new Unreached())).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
            assertThat(e.getMessage()).contains("class " + Unreached.class.getName() + " is not allowed");
            assertThat(e.notExecuted()).isTrue();
        });
        assertThat(implementation.calls.get()).isEqualTo(before);
    }

    @Test
    void requestFromANewerBuildOfTheInterface_isServed() {
        // the newer build reaches one more class; the classes both know keep their names
        Serializer newerBuild = new ForySerializer().forService(ServiceDescriptor.of(AccountsV2.class), POLICY);

        RpcResult result = resultOf(newerBuild, "find", 3L);

        assertThat(result.exception()).isNull();
        assertThat(result.value()).isEqualTo(User.sample(3));
    }

    @Test
    void gadgetNamedInARequest_isRefusedByNameUnexecuted() {
        byte[] hostile = HostileFory.session(ACCOUNTS, new Decoy(), Decoy.class, "com.sun.rowset.JdbcRowSetImpl");
        Serializer liar = new RawBytesSerializer(hostile, new ForySerializer().forService(ACCOUNTS, POLICY));

        RpcException refused = callWith(liar, "echo", "anything");

        assertThat(refused.code()).isEqualTo(ErrorCode.SERIALIZATION);
        assertThat(refused.getMessage()).contains("class com.sun.rowset.JdbcRowSetImpl is not allowed");
        assertThat(refused.notExecuted()).isTrue();
    }

    /** Calls {@code method} of the provider's Accounts through a bare transport client writing with {@code serializer}. */
    private static RpcException callWith(Serializer serializer, String method, Object argument) {
        int before = implementation.calls.get();
        Throwable failure;
        try {
            failure = resultOf(serializer, method, argument).exception();
        } catch (CompletionException e) {
            failure = e.getCause();
        }
        assertThat(implementation.calls.get())
                .as("calls that reached the service")
                .isEqualTo(before);
        assertThat(failure).isInstanceOf(RpcException.class);
        return (RpcException) failure;
    }

    private static RpcResult resultOf(Serializer serializer, String method, Object argument) {
        try (TransportClient client =
                TransportClient.create(TransportOptions.defaults(), Serializers.of(new ForySerializer()))) {
            Invocation invocation = Invocation.of(
                    ServiceKey.of(Accounts.class),
                    ACCOUNTS.methods().stream()
                            .filter(m -> m.method().getName().equals(method))
                            .findFirst()
                            .orElseThrow(),
                    new Object[] {argument});
            CallOptions options = CallOptions.of(serializer, POLICY, 5_000);
            return client.invoker(endpoint(), options).invoke(invocation).join();
        }
    }
}
