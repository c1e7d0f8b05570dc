package io.courier.protocol.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/** The benchmark's user: the fields and values of the user in Apache Dubbo's benchmark suite. */
public class User {

    private long id;
    private String name;
    private int sex;
    private LocalDate birthday;
    private String email;
    private String mobile;
    private String address;
    private String icon;
    private List<Integer> permissions;
    private int status;
    private LocalDateTime createTime;
    private LocalDateTime updateTime;

    public User() {}

    /** A user filled the way the benchmark fills one. */
    public static User sample(long id) {
        User user = new User();
        user.id = id;
        user.name = "Doug Lea";
        user.sex = 1;
        user.birthday = LocalDate.of(1968, 12, 8);
        user.email = "dong.lea@gmail.com";
        user.mobile = "18612345678";
        user.address = "北京市 中关村 中关村大街1号 鼎好大厦 1605";
        user.icon = "https://www.baidu.com/img/bd_logo1.png";
        user.status = 1;
        // LocalDateTime.now() in the original; a fixed instant with full nanoseconds keeps sizes stable
        user.createTime = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789);
        user.updateTime = user.createTime;
        user.permissions = new java.util.ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 19, 88, 86, 89, 90, 91, 92));
        return user;
    }

    public long id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User u
                && id == u.id
                && sex == u.sex
                && status == u.status
                && Objects.equals(name, u.name)
                && Objects.equals(birthday, u.birthday)
                && Objects.equals(email, u.email)
                && Objects.equals(mobile, u.mobile)
                && Objects.equals(address, u.address)
                && Objects.equals(icon, u.icon)
                && Objects.equals(permissions, u.permissions)
                && Objects.equals(createTime, u.createTime)
                && Objects.equals(updateTime, u.updateTime);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "User(" + id + ")";
    }
}
