package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The command line of one shop service in a container: its role, and what each role exports. */
class ShopServiceMainTest {

    @Test
    void role_acceptsEachRole() {
        for (String role : ShopServiceMain.ROLES.keySet()) {
            assertThat(ShopServiceMain.role(role)).isEqualTo(role);
        }
    }

    @Test
    void role_rejectsAnUnknownOneOrAWrongCount_namingTheChoices() {
        assertThatThrownBy(() -> ShopServiceMain.role("payment"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arguments [payment] (expected: one of [client, inventory, order, user])");
        assertThatThrownBy(ShopServiceMain::role).hasMessageStartingWith("arguments [] (expected:");
        assertThatThrownBy(() -> ShopServiceMain.role("user", "order"))
                .hasMessageStartingWith("arguments [user, order] (expected:");
    }

    @Test
    void service_isTheShopsServiceOfTheRole_namedByTheInstance() {
        assertThat(ShopServiceMain.service("user", "pod-a"))
                .isInstanceOfSatisfying(ShopUserService.class, user -> assertThat(user.instance())
                        .isEqualTo("pod-a"));
        assertThat(ShopServiceMain.service("inventory", "pod-b")).isInstanceOf(WarehouseInventory.class);
        assertThat(ShopServiceMain.service("order", "pod-c")).isInstanceOf(ShopOrderService.class);
        assertThat(ShopServiceMain.service("client", "pod-d")).isNull();
    }
}
