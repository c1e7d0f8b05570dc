package io.courier.grpc.users;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workload's user (a mutable bean), with an enum, a map, an instant, bytes and a nested record besides. */
public final class User {

    /** A user's state. */
    public enum Status {
        ACTIVE,
        LOCKED
    }

    /** Where a user lives. */
    public record Address(String city, Optional<String> zip) {}

    private long id;
    private String name;
    private int sex;
    private LocalDate birthday;
    private String email;
    private List<Integer> permissions;
    private Status status;
    private LocalDateTime createTime;
    private Instant lastLogin;
    private Map<String, String> tags;
    private byte[] icon;
    private Address address;

    public static User of(long id) {
        User user = new User();
        user.id = id;
        user.name = "user-" + id;
        user.sex = (int) (id % 2);
        user.birthday = LocalDate.of(1990, 1, 1).plusDays(id);
        user.email = "user" + id + "@example.com";
        user.permissions = List.of(1, 2, 3);
        user.status = id % 2 == 0 ? Status.ACTIVE : Status.LOCKED;
        user.createTime = LocalDateTime.of(2024, 5, 6, 7, 8, 9);
        user.lastLogin = Instant.ofEpochSecond(1_700_000_000L + id, 123);
        user.tags = Map.of("tier", "gold");
        user.icon = new byte[] {1, 2, (byte) id};
        user.address = new Address("Lyon", id % 2 == 0 ? Optional.of("69001") : Optional.empty());
        return user;
    }

    public long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public LocalDate getBirthday() {
        return birthday;
    }

    public List<Integer> getPermissions() {
        return permissions;
    }

    public Status getStatus() {
        return status;
    }

    public LocalDateTime getCreateTime() {
        return createTime;
    }

    public Instant getLastLogin() {
        return lastLogin;
    }

    public Map<String, String> getTags() {
        return tags;
    }

    public byte[] getIcon() {
        return icon;
    }

    public Address getAddress() {
        return address;
    }

    public String getEmail() {
        return email;
    }

    public int getSex() {
        return sex;
    }
}
