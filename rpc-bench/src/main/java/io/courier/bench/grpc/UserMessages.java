package io.courier.bench.grpc;

import com.google.protobuf.Timestamp;
import io.courier.bench.workload.Page;
import io.courier.bench.workload.User;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the workload's {@link User} and {@link Page} to the protobuf messages of {@code user_service.proto} and
 * back. Both directions keep every field the workload sets, to the nanosecond; a {@code null} date or time is an
 * absent field, a {@code null} string or list the empty one (the workload sends none).
 */
final class UserMessages {

    private UserMessages() {}

    static UserServiceProto.User toMessage(User user) {
        UserServiceProto.User.Builder message = UserServiceProto.User.newBuilder()
                .setId(user.getId())
                .setName(orEmpty(user.getName()))
                .setSex(user.getSex())
                .setEmail(orEmpty(user.getEmail()))
                .setMobile(orEmpty(user.getMobile()))
                .setAddress(orEmpty(user.getAddress()))
                .setIcon(orEmpty(user.getIcon()))
                .setStatus(user.getStatus());
        if (user.getBirthday() != null) {
            message.setHasBirthday(true).setBirthdayEpochDay(user.getBirthday().toEpochDay());
        }
        if (user.getPermissions() != null) {
            message.addAllPermissions(user.getPermissions());
        }
        if (user.getCreateTime() != null) {
            message.setCreateTime(timestamp(user.getCreateTime()));
        }
        if (user.getUpdateTime() != null) {
            message.setUpdateTime(timestamp(user.getUpdateTime()));
        }
        return message.build();
    }

    static User fromMessage(UserServiceProto.User message) {
        User user = new User();
        user.setId(message.getId());
        user.setName(message.getName());
        user.setSex(message.getSex());
        user.setEmail(message.getEmail());
        user.setMobile(message.getMobile());
        user.setAddress(message.getAddress());
        user.setIcon(message.getIcon());
        user.setStatus(message.getStatus());
        if (message.getHasBirthday()) {
            user.setBirthday(LocalDate.ofEpochDay(message.getBirthdayEpochDay()));
        }
        user.setPermissions(new ArrayList<>(message.getPermissionsList()));
        if (message.hasCreateTime()) {
            user.setCreateTime(localDateTime(message.getCreateTime()));
        }
        if (message.hasUpdateTime()) {
            user.setUpdateTime(localDateTime(message.getUpdateTime()));
        }
        return user;
    }

    static UserServiceProto.Page toMessage(Page<User> page) {
        UserServiceProto.Page.Builder message =
                UserServiceProto.Page.newBuilder().setPageNo(page.getPageNo()).setTotal(page.getTotal());
        if (page.getResult() != null) {
            for (User user : page.getResult()) {
                message.addResult(toMessage(user));
            }
        }
        return message.build();
    }

    static Page<User> fromMessage(UserServiceProto.Page message) {
        List<User> users = new ArrayList<>(message.getResultCount());
        for (UserServiceProto.User user : message.getResultList()) {
            users.add(fromMessage(user));
        }
        Page<User> page = new Page<>();
        page.setPageNo(message.getPageNo());
        page.setTotal(message.getTotal());
        page.setResult(users);
        return page;
    }

    /** The local date-time read as UTC: exact both ways, whatever the JVMs' time zones. */
    private static Timestamp timestamp(LocalDateTime time) {
        return Timestamp.newBuilder()
                .setSeconds(time.toEpochSecond(ZoneOffset.UTC))
                .setNanos(time.getNano())
                .build();
    }

    private static LocalDateTime localDateTime(Timestamp timestamp) {
        return LocalDateTime.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos(), ZoneOffset.UTC);
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
