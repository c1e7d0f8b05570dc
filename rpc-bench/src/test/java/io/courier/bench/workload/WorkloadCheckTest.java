package io.courier.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class WorkloadCheckTest {

    private final SyntheticUserService service = new SyntheticUserService();

    @Test
    void verify_acceptsTheSyntheticService() {
        assertThatCode(() -> WorkloadCheck.verify(service)).doesNotThrowAnyException();
    }

    @Test
    void verify_namesTheCallThatAnsweredWrongly() {
        UserService losesTheAddress = new DelegatingUserService(service) {
            @Override
            public User getUser(long id) {
                User user = super.getUser(id);
                user.setAddress(null);
                return user;
            }
        };

        assertThatThrownBy(() -> WorkloadCheck.verify(losesTheAddress))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("getUser(42)");
    }

    @Test
    void verify_refusesAShortPage() {
        UserService shortPage = new DelegatingUserService(service) {
            @Override
            public Page<User> listUser(int pageNo) {
                Page<User> page = super.listUser(pageNo);
                page.setResult(page.getResult().subList(0, 14));
                return page;
            }
        };

        assertThatThrownBy(() -> WorkloadCheck.verify(shortPage)).hasMessageContaining("expected: 15 users");
    }

    @Test
    void listUser_returnsFifteenUsersWithTheWorkloadsFields() {
        Page<User> page = service.listUser(7);

        assertThat(page.getPageNo()).isEqualTo(7);
        assertThat(page.getTotal()).isEqualTo(1000);
        assertThat(page.getResult()).hasSize(15);
        User first = page.getResult().get(0);
        assertThat(first.getPermissions()).hasSize(15);
        assertThat(first.getAddress()).contains("中关村");
        assertThat(first.getUpdateTime()).isEqualTo(first.getCreateTime());
    }

    @Test
    void existUser_dependsOnTheLastCharacter() {
        assertThat(service.existUser("a4")).isFalse();
        assertThat(service.existUser("a5")).isTrue();
        assertThat(service.existUser("")).isTrue();
    }

    @Test
    void user_equalityCoversEveryField() {
        LocalDateTime now = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
        User changed = SyntheticUserService.user(1, now);
        changed.setIcon("other");

        assertThat(SyntheticUserService.user(1, now)).isEqualTo(SyntheticUserService.user(1, now));
        assertThat(changed).isNotEqualTo(SyntheticUserService.user(1, now));
    }
}
