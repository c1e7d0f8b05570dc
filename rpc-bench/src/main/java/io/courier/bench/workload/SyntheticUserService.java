package io.courier.bench.workload;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The provider side of the workload: answers from memory, building the same objects as dubbo-benchmark's server so
 * that a call costs the framework, not the business logic. Thread-safe (stateless).
 */
public final class SyntheticUserService implements UserService {

    /** Users on one page of {@link #listUser(int)}. */
    public static final int PAGE_SIZE = 15;

    /** The total the pages claim, as in dubbo-benchmark. */
    public static final int TOTAL_USERS = 1000;

    private static final Integer[] PERMISSIONS = {1, 2, 3, 4, 5, 6, 7, 8, 19, 88, 86, 89, 90, 91, 92};

    @Override
    public boolean existUser(String email) {
        if (email == null || email.isEmpty()) {
            return true;
        }
        return email.charAt(email.length() - 1) >= '5';
    }

    @Override
    public boolean createUser(User user) {
        return user != null;
    }

    @Override
    public User getUser(long id) {
        return user(id, LocalDateTime.now());
    }

    @Override
    public Page<User> listUser(int pageNo) {
        return page(pageNo, LocalDateTime.now());
    }

    /** The page {@link #listUser(int)} answers, its users created at {@code createTime}. */
    public static Page<User> page(int pageNo, LocalDateTime createTime) {
        List<User> users = new ArrayList<>(PAGE_SIZE);
        for (int i = 0; i < PAGE_SIZE; i++) {
            users.add(user(i, createTime));
        }
        Page<User> page = new Page<>();
        page.setPageNo(pageNo);
        page.setTotal(TOTAL_USERS);
        page.setResult(users);
        return page;
    }

    /**
     * The user the workload sends and returns: every field set, non-ASCII text in the address, fifteen permissions.
     * Clients use it as the argument of {@code createUser}.
     */
    public static User user(long id, LocalDateTime createTime) {
        User user = new User();
        user.setId(id);
        user.setName("Doug Lea");
        user.setSex(1);
        user.setBirthday(LocalDate.of(1968, 12, 8));
        user.setEmail("dong.lea@gmail.com");
        user.setMobile("18612345678");
        user.setAddress("北京市 中关村 中关村大街1号 鼎好大厦 1605");
        user.setIcon("https://www.baidu.com/img/bd_logo1.png");
        user.setStatus(1);
        user.setCreateTime(createTime);
        user.setUpdateTime(createTime);
        user.setPermissions(new ArrayList<>(Arrays.asList(PERMISSIONS)));
        return user;
    }
}
