package io.courier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DescriptorTest {

    interface Base {
        String name(long id);
    }

    @Idempotent
    interface Catalog extends Base {
        CompletableFuture<List<String>> search(String query, int limit);

        String name(String key);

        @Oneway
        void touch(long id);

        default String twice(long id) {
            return name(id) + name(id);
        }

        static Catalog none() {
            return null;
        }
    }

    interface Writer {
        @Oneway
        int count();
    }

    interface Mutations {
        void write(String value);

        @Idempotent
        String read();
    }

    @Test
    void methods_areSortedByDescriptorAndExcludeDefaultAndStaticMethods() {
        ServiceDescriptor service = ServiceDescriptor.of(Catalog.class);

        assertThat(service.methods())
                .extracting(MethodDescriptor::descriptor)
                .containsExactly("name(java.lang.String)", "name(long)", "search(java.lang.String,int)", "touch(long)");
        for (int i = 0; i < service.methods().size(); i++) {
            assertThat(service.methods().get(i).index()).isEqualTo(i);
        }
    }

    @Test
    void method_flagsComeFromAnnotationsAndReturnType() {
        ServiceDescriptor service = ServiceDescriptor.of(Catalog.class);
        MethodDescriptor search = service.find("search(java.lang.String,int)");

        assertThat(search.async()).isTrue();
        assertThat(search.resultType().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
        assertThat(search.idempotent()).isTrue();
        assertThat(service.find("touch(long)").oneway()).isTrue();
        assertThat(ServiceDescriptor.of(Mutations.class)
                        .find("write(java.lang.String)")
                        .idempotent())
                .isFalse();
        assertThat(ServiceDescriptor.of(Mutations.class).find("read()").idempotent())
                .isTrue();
    }

    @Test
    void onewayMethodNames_fromTheReferenceAreHonoured() {
        ServiceDescriptor service = ServiceDescriptor.of(Mutations.class, Set.of("write"));
        assertThat(service.find("write(java.lang.String)").oneway()).isTrue();
    }

    @Test
    void onewayMethodReturningAValue_isRefused() {
        assertThatThrownBy(() -> ServiceDescriptor.of(Writer.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must return void");
    }

    @Test
    void nonInterface_isRefused() {
        assertThatThrownBy(() -> ServiceDescriptor.of(String.class))
                .hasMessage("service type: java.lang.String (expected: an interface)");
    }

    @Test
    void invocation_copiesArgumentsAndAttachments() {
        ServiceDescriptor service = ServiceDescriptor.of(Catalog.class);
        MethodDescriptor search = service.find("search(java.lang.String,int)");
        Object[] arguments = {"shoes", 10};
        Invocation invocation = Invocation.of(ServiceKey.of(Catalog.class), search, arguments, Map.of("a", "1"));
        arguments[0] = "changed";

        assertThat(invocation.argument(0)).isEqualTo("shoes");
        Invocation tagged = invocation.withAttachment("b", "2");
        assertThat(invocation.attachments()).containsOnlyKeys("a");
        assertThat(tagged.attachments()).containsOnlyKeys("a", "b");
        assertThat(tagged.withAttachment("a", null).attachments()).containsOnlyKeys("b");
        assertThat(invocation.toString()).isEqualTo(Catalog.class.getName() + "#search(java.lang.String,int)");
    }

    @Test
    void invocation_withAttachment_onACallWithoutAttachmentsAndWithoutChange() {
        MethodDescriptor touch = ServiceDescriptor.of(Catalog.class).find("touch(long)");
        Invocation bare = Invocation.of(ServiceKey.of(Catalog.class), touch, new Object[] {1L});

        Invocation budgeted = bare.withAttachment("k", "v");

        assertThat(bare.attachments()).isEmpty();
        assertThat(budgeted.attachments()).isEqualTo(Map.of("k", "v"));
        assertThat(budgeted.argument(0)).isEqualTo(1L);
        assertThat(bare.withAttachment("k", null)).isSameAs(bare);
        assertThat(budgeted.withAttachment("k", "v")).isSameAs(budgeted);
        assertThat(budgeted.withAttachment("k", "w").attachments()).isEqualTo(Map.of("k", "w"));
        assertThat(budgeted.withAttachment("k", null).attachments()).isEmpty();
        assertThatThrownBy(() -> budgeted.attachments().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void invocation_wrongArgumentCount_isRefused() {
        MethodDescriptor touch = ServiceDescriptor.of(Catalog.class).find("touch(long)");
        assertThatThrownBy(() -> Invocation.of(ServiceKey.of(Catalog.class), touch, new Object[0]))
                .hasMessage("arguments: 0 (expected: 1 for touch(long))");
        assertThatThrownBy(() -> Invocation.ofOwned(ServiceKey.of(Catalog.class), touch, null, Map.of()))
                .hasMessage("arguments: 0 (expected: 1 for touch(long))");
    }

    @Test
    void ownedInvocation_takesTheArrayAsItIs_andMayCarryADeadline() {
        MethodDescriptor touch = ServiceDescriptor.of(Catalog.class).find("touch(long)");
        Object[] arguments = {1L};

        Invocation owned = Invocation.ofOwned(ServiceKey.of(Catalog.class), touch, arguments, Map.of("a", "1"));
        Invocation due = Invocation.ofOwned(ServiceKey.of(Catalog.class), touch, arguments, Map.of(), 42L);

        arguments[0] = 2L;
        assertThat(owned.argument(0)).as("not copied").isEqualTo(2L);
        assertThat(owned.attachments()).isEqualTo(Map.of("a", "1"));
        assertThat(owned.hasDeadline()).isFalse();
        assertThat(due.hasDeadline()).isTrue();
        assertThat(due.deadlineNanos()).isEqualTo(42L);
        assertThat(due.arguments())
                .as("a copy for readers")
                .isNotSameAs(arguments)
                .containsExactly(2L);
    }
}
