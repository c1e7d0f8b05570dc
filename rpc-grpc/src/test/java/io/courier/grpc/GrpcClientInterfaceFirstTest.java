package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.schema.FieldNumber;
import io.courier.bootstrap.Courier;
import io.courier.grpc.users.Page;
import io.courier.grpc.users.User;
import io.courier.grpc.users.UserService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Courier consumer calls a Courier provider's gRPC endpoint ({@code grpc://} addresses) on
 * interface-first services on plain Java types, through the schema derived from the interface on both
 * sides: unary calls on a bean and a generic {@code Page<User>}, lists, maps, {@code Optional} and
 * {@code Instant} as parameters and results, an exception's status, the three stream kinds, and an
 * interface that does not match the server's exactly (fields one side does not know are skipped).
 */
@Timeout(60)
class GrpcClientInterfaceFirstTest {

    /** Plain Java collections and times as a method's own parameters and results. */
    @GrpcService("io.courier.grpc.test.Moments")
    public interface Moments {

        /** Each time by {@code prefix} (or "t") and its position. */
        Map<String, Instant> label(List<Instant> times, Optional<String> prefix);

        Optional<Instant> first(List<Instant> times);
    }

    /** The server's {@link UserService} as an older or newer client sees it. */
    @GrpcService("io.courier.grpc.users.UserService")
    public interface UserNames {

        /** The server's {@code User} has ten fields more, which this reader skips. */
        UserName getUser(long id);

        /** The server's {@code User} has no field 40, which it skips. */
        boolean createUser(NewUser user);

        /** Not a method of the server's service. */
        String forgetUser(long id);
    }

    /** Fields 1 and 2 of the server's {@code User}. */
    public record UserName(long id, String name) {}

    /** Fields 1 and 2 of the server's {@code User}, and one it does not have. */
    public record NewUser(long id, String name, @FieldNumber(40) String nickname) {}

    private final InterfaceFirstUsers users = new InterfaceFirstUsers();
    private Courier provider;
    private Courier consumer;

    @BeforeEach
    void start() {
        Moments moments = new Moments() {
            @Override
            public Map<String, Instant> label(List<Instant> times, Optional<String> prefix) {
                Map<String, Instant> labelled = new LinkedHashMap<>();
                for (int i = 0; i < times.size(); i++) {
                    labelled.put(prefix.orElse("t") + i, times.get(i));
                }
                return labelled;
            }

            @Override
            public Optional<Instant> first(List<Instant> times) {
                return times.stream().findFirst();
            }
        };
        provider = Courier.builder()
                .application("grpc-interface-first-provider")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(users)
                .export(moments)
                .start();
        String url = "grpc://127.0.0.1:" + provider.port();
        consumer = Courier.builder()
                .application("grpc-interface-first-consumer")
                .shutdownHook(false)
                .property("courier.service." + UserService.class.getName() + ".url", url)
                .property("courier.service." + Moments.class.getName() + ".url", url)
                .property("courier.service." + UserNames.class.getName() + ".url", url)
                .start();
    }

    @AfterEach
    void stop() {
        if (consumer != null) {
            consumer.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void unaryCalls_onABean_andAGenericPage_roundTripEveryField() {
        UserService client = consumer.reference(UserService.class);

        assertThat(client.getUser(7)).usingRecursiveComparison().isEqualTo(User.of(7));
        assertThat(client.existUser("a1")).isTrue();
        assertThat(client.createUser(User.of(4))).isTrue();
        assertThat(users.created).singleElement().usingRecursiveComparison().isEqualTo(User.of(4));

        Page<User> page = client.listUser(2);
        assertThat(page).usingRecursiveComparison().isEqualTo(new InterfaceFirstUsers().listUser(2));
        assertThat(page.getResult()).hasSize(15).first().isInstanceOf(User.class);
    }

    @Test
    void listsMapsOptionalsAndInstants_asParametersAndResults() {
        Moments client = consumer.reference(Moments.class);
        Instant a = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
        Instant b = Instant.ofEpochSecond(-5, 1);

        assertThat(client.label(List.of(a, b), Optional.of("at-")))
                .containsExactly(Map.entry("at-0", a), Map.entry("at-1", b));
        assertThat(client.label(List.of(a), Optional.empty())).containsExactly(Map.entry("t0", a));
        assertThat(client.label(List.of(), Optional.empty())).isEmpty();
        assertThat(client.first(List.of(b, a))).contains(b);
        assertThat(client.first(List.of())).isEmpty();
    }

    @Test
    void anException_comesBackAsItsErrorCode_withItsMessage() {
        UserService client = consumer.reference(UserService.class);
        assertThatThrownBy(() -> client.getUser(-1)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
            assertThat(e.getMessage()).contains("UNKNOWN").contains("no user -1");
        });
        UserNames names = consumer.reference(UserNames.class);
        int before = users.calls.get();
        assertThatThrownBy(() -> names.forgetUser(1)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.notExecuted()).isTrue();
            assertThat(e.getMessage()).contains("UNIMPLEMENTED").contains("ForgetUser");
        });
        assertThat(users.calls).hasValue(before);
    }

    @Test
    void theThreeStreamKinds_carryBeans() throws Exception {
        UserService client = consumer.reference(UserService.class);

        List<User> streamed = collect(client.streamUsers(20)).get(10, TimeUnit.SECONDS);
        assertThat(streamed).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(streamed.get(i)).usingRecursiveComparison().isEqualTo(User.of(i));
        }

        List<User> sent = List.of(User.of(1), User.of(2), User.of(3));
        assertThat(client.countUsers(new ListPublisher<>(sent)).get(10, TimeUnit.SECONDS))
                .isEqualTo(3);

        List<User> renamed =
                collect(client.renameUsers(new ListPublisher<>(sent))).get(10, TimeUnit.SECONDS);
        assertThat(renamed).extracting(User::getName).containsExactly("USER-1", "USER-2", "USER-3");
        assertThat(renamed.get(2).getLastLogin()).isEqualTo(User.of(3).getLastLogin());
    }

    @Test
    void fieldsTheReaderDoesNotKnow_areSkipped_bothWays() {
        UserNames names = consumer.reference(UserNames.class);

        // the server writes all twelve fields of User; this reader knows 1 and 2
        assertThat(names.getUser(9)).isEqualTo(new UserName(9, "user-9"));

        // the server's User has no field 40: it reads 1 and 2 and skips it
        assertThat(names.createUser(new NewUser(5, "five", "fifi"))).isTrue();
        assertThat(users.created).singleElement().satisfies(user -> {
            assertThat(user.getId()).isEqualTo(5);
            assertThat(user.getName()).isEqualTo("five");
            assertThat(user.getEmail()).isNull();
        });
    }

    /** Every message of {@code publisher}, asked for all at once, when it completes. */
    private static <T> CompletableFuture<List<T>> collect(Flow.Publisher<T> publisher) {
        CompletableFuture<List<T>> all = new CompletableFuture<>();
        List<T> items = new ArrayList<>();
        publisher.subscribe(new Flow.Subscriber<T>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T item) {
                synchronized (items) {
                    items.add(item);
                }
            }

            @Override
            public void onError(Throwable failure) {
                all.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                synchronized (items) {
                    all.complete(List.copyOf(items));
                }
            }
        });
        return all;
    }
}
