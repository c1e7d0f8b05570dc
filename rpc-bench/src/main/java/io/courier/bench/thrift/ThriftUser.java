package io.courier.bench.thrift;

import io.courier.bench.workload.User;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The workload's {@link User} in a form Thrift has (no {@code java.time}): the dates as epoch days and epoch
 * milliseconds, the rest as it is. About the same bytes on the wire as the user the other systems carry.
 */
public record ThriftUser(
        long id,
        String name,
        int sex,
        int birthdayEpochDay,
        String email,
        String mobile,
        String address,
        String icon,
        List<Integer> permissions,
        int status,
        long createTimeMillis,
        long updateTimeMillis) {

    /** {@code user} with its dates as numbers. */
    static ThriftUser of(User user) {
        return new ThriftUser(
                user.getId(),
                user.getName(),
                user.getSex(),
                (int) user.getBirthday().toEpochDay(),
                user.getEmail(),
                user.getMobile(),
                user.getAddress(),
                user.getIcon(),
                user.getPermissions(),
                user.getStatus(),
                user.getCreateTime().toInstant(ZoneOffset.UTC).toEpochMilli(),
                user.getUpdateTime().toInstant(ZoneOffset.UTC).toEpochMilli());
    }
}
