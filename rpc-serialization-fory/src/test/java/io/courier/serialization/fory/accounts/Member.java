package io.courier.serialization.fory.accounts;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A user as the benchmark's: scalars, strings, java.time values and a list of integers. */
public class Member {

    private long id;
    private String name;
    private LocalDate birthday;
    private String email;
    private List<Integer> permissions;
    private Level level;
    private LocalDateTime createTime;

    public Member() {}

    public static Member sample(long id) {
        Member member = new Member();
        member.id = id;
        member.name = "Doug Lea";
        member.birthday = LocalDate.of(1968, 12, 8);
        member.email = "dong.lea@gmail.com";
        member.permissions = new ArrayList<>(List.of(1, 2, 3, 19, 88));
        member.level = Level.GOLD;
        member.createTime = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789);
        return member;
    }

    public long id() {
        return id;
    }

    public String email() {
        return email;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Member m
                && id == m.id
                && Objects.equals(name, m.name)
                && Objects.equals(birthday, m.birthday)
                && Objects.equals(email, m.email)
                && Objects.equals(permissions, m.permissions)
                && level == m.level
                && Objects.equals(createTime, m.createTime);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "Member(" + id + ")";
    }
}
