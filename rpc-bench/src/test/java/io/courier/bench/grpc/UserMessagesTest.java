package io.courier.bench.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.bench.workload.Page;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class UserMessagesTest {

    private static final LocalDateTime CREATED = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_789);

    @Test
    void user_survivesTheRoundTripToTheNanosecond() throws Exception {
        User user = SyntheticUserService.user(7, CREATED);

        User back = UserMessages.fromMessage(
                UserServiceProto.User.parseFrom(UserMessages.toMessage(user).toByteArray()));

        assertThat(back).isEqualTo(user);
        assertThat(back.getCreateTime()).isEqualTo(CREATED);
    }

    @Test
    void user_keepsAbsentDatesAbsentAndTheFirstEpochDayPresent() {
        User user = SyntheticUserService.user(1, CREATED);
        user.setCreateTime(null);
        user.setUpdateTime(null);
        user.setBirthday(null);
        assertThat(UserMessages.fromMessage(UserMessages.toMessage(user))).isEqualTo(user);

        user.setBirthday(LocalDate.ofEpochDay(0));
        assertThat(UserMessages.fromMessage(UserMessages.toMessage(user)).getBirthday())
                .isEqualTo(LocalDate.ofEpochDay(0));
    }

    @Test
    void page_survivesTheRoundTrip() {
        Page<User> page = SyntheticUserService.page(3, CREATED);

        assertThat(UserMessages.fromMessage(UserMessages.toMessage(page))).isEqualTo(page);
    }
}
