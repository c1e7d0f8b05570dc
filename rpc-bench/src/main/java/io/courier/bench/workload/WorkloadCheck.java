package io.courier.bench.workload;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Checks that a remote {@link UserService} answers each of the four calls as {@link SyntheticUserService} does, so
 * that no system is measured while returning wrong or partial answers.
 */
public final class WorkloadCheck {

    private WorkloadCheck() {}

    /**
     * Calls each method once and compares the answers with the local service's.
     *
     * @throws IllegalStateException naming the first call whose answer differs
     */
    public static void verify(UserService remote) {
        check("existUser(\"someone@example.com4\")", remote.existUser("someone@example.com4"), false);
        check("existUser(\"someone@example.com9\")", remote.existUser("someone@example.com9"), true);
        check(
                "createUser(user)",
                remote.createUser(SyntheticUserService.user(7, LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_789))),
                true);

        User user = remote.getUser(42);
        if (user == null || user.getCreateTime() == null) {
            throw new IllegalStateException("getUser(42): " + user + " has no createTime");
        }
        check("getUser(42)", user, SyntheticUserService.user(42, user.getCreateTime()));

        Page<User> page = remote.listUser(3);
        if (page == null || page.getResult() == null || page.getResult().size() != SyntheticUserService.PAGE_SIZE) {
            throw new IllegalStateException(
                    "listUser(3): " + page + " (expected: " + SyntheticUserService.PAGE_SIZE + " users)");
        }
        check("listUser(3).pageNo", page.getPageNo(), 3);
        check("listUser(3).total", page.getTotal(), SyntheticUserService.TOTAL_USERS);
        List<User> users = page.getResult();
        for (int i = 0; i < users.size(); i++) {
            User listed = users.get(i);
            check("listUser(3).result[" + i + "]", listed, SyntheticUserService.user(i, listed.getCreateTime()));
        }
    }

    private static void check(String call, Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            throw new IllegalStateException(call + ": " + actual + " (expected: " + expected + ")");
        }
    }
}
