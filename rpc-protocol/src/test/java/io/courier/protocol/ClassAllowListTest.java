package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.model.Address;
import io.courier.protocol.model.InsufficientFundsException;
import io.courier.protocol.model.ModelService;
import io.courier.protocol.model.Shape;
import io.courier.protocol.model.Status;
import io.courier.protocol.model.User;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.protocol.serialization.JsonSerializer;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.courier.protocol.serialization.Serializers;
import io.courier.spi.ExtensionLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassAllowListTest {

    final ClassAllowList list = ClassAllowList.of(ServiceDescriptor.of(ModelService.class), ProtocolOptions.defaults());

    @Test
    void typesReachableFromTheInterface_areAllowed() {
        assertThat(list.allows(User.class.getName())).isTrue();
        assertThat(list.allows(Address.class.getName())).as("a field of Order").isTrue();
        assertThat(list.allows(Status.class.getName())).isTrue();
        assertThat(list.allows(InsufficientFundsException.class.getName()))
                .as("declared exception")
                .isTrue();
        assertThat(list.allows("[L" + User.class.getName() + ";")).isTrue();
        assertThat(list.allows("[" + User.class.getName()))
                .as("hessian array name")
                .isTrue();
        assertThat(list.allows("[[I")).isTrue();
    }

    @Test
    void jdkValueTypes_areAllowed_otherJdkTypesAreNot() {
        assertThat(list.allows("java.time.LocalDateTime")).isTrue();
        assertThat(list.allows("java.math.BigDecimal")).isTrue();
        assertThat(list.allows("java.util.ImmutableCollections$ListN")).isTrue();
        assertThat(list.allows("java.util.concurrent.ThreadPoolExecutor")).isFalse();
        assertThat(list.allows("java.io.File")).isFalse();
    }

    @Test
    void permittedSubclassesOfASealedType_areReachable() {
        ClassAllowList shapes = ClassAllowList.builder().allowClass(Shape.class).build();
        assertThat(shapes.allows(Shape.Circle.class.getName())).isTrue();
        assertThat(shapes.allows(Shape.Square.class.getName())).isTrue();
    }

    @Test
    void gadgetPackages_areRefused_evenWhenTheUserAllowsThem() {
        ClassAllowList careless = ClassAllowList.builder()
                .allowPackage("org.springframework")
                .allowClassName("java.lang.ProcessBuilder")
                .allowPackage("com.example")
                .build();
        assertThat(careless.allows("org.springframework.beans.factory.ObjectFactory"))
                .isFalse();
        assertThat(careless.allows("java.lang.ProcessBuilder")).isFalse();
        assertThat(careless.allows("com.example.Order")).isTrue();
        assertThat(careless.allows("com.examples.Order")).as("package boundary").isFalse();
    }

    @Test
    void refusal_namesTheClassAsSerialization() {
        assertThatThrownBy(() -> list.checkClass("com.sun.rowset.JdbcRowSetImpl"))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION))
                .hasMessageStartingWith("class com.sun.rowset.JdbcRowSetImpl is not allowed");
        assertThatThrownBy(() -> list.checkClass("evil\nname"))
                .hasMessageStartingWith("class evil?name is not allowed");
    }

    @Test
    void allowPackage_refusesBlankAndTopLevelNames() {
        assertThatThrownBy(() -> ClassAllowList.builder().allowPackage("com"))
                .hasMessage("allowPackage: 'com' (expected: a package with at least two parts)");
        assertThatThrownBy(() -> ClassAllowList.builder().allowPackage(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limits_comeFromTheOptions() {
        ClassAllowList limited = ClassAllowList.builder()
                .limits(ProtocolOptions.builder()
                        .maxDepth(7)
                        .maxCollectionLength(8)
                        .maxStringLength(9)
                        .build())
                .build();
        assertThat(List.of(limited.maxDepth(), limited.maxCollectionLength(), limited.maxStringLength()))
                .containsExactly(7, 8, 9);
    }

    @Test
    void builtInSerializers_areInstalledExtensionsWithFixedIds() {
        Serializers installed = Serializers.installed();
        assertThat(installed.byId(1)).isInstanceOf(ProtostuffSerializer.class);
        assertThat(installed.byId(2)).isInstanceOf(HessianSerializer.class);
        assertThat(installed.byId(3)).isInstanceOf(JsonSerializer.class);
        ExtensionLoader<Serializer> loader = ExtensionLoader.of(Serializer.class);
        assertThat(loader.getDefault()).isInstanceOf(ProtostuffSerializer.class);
        assertThat(loader.get("hessian").id()).isEqualTo((byte) 2);
        assertThatThrownBy(() -> Serializers.of(new ProtostuffSerializer(), new ProtostuffSerializer()))
                .hasMessageContaining("serializer id 1: used by both");
    }
}
