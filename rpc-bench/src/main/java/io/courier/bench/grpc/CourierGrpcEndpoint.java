package io.courier.bench.grpc;

import io.courier.bench.workload.Page;
import io.courier.bench.workload.User;
import io.courier.bench.workload.UserService;

/**
 * {@link CourierGrpcUserService} in front of a {@link UserService}: the same conversions as {@link
 * UserServiceEndpoint}, gRPC-java's server of the comparison, so that the two servers do the same work per call.
 */
final class CourierGrpcEndpoint implements CourierGrpcUserService {

    private final UserService service;

    CourierGrpcEndpoint(UserService service) {
        this.service = service;
    }

    @Override
    public UserServiceProto.ExistUserResponse existUser(UserServiceProto.ExistUserRequest request) {
        return UserServiceProto.ExistUserResponse.newBuilder()
                .setExists(service.existUser(request.getEmail()))
                .build();
    }

    @Override
    public UserServiceProto.CreateUserResponse createUser(UserServiceProto.CreateUserRequest request) {
        User user = request.hasUser() ? UserMessages.fromMessage(request.getUser()) : null;
        return UserServiceProto.CreateUserResponse.newBuilder()
                .setCreated(service.createUser(user))
                .build();
    }

    @Override
    public UserServiceProto.GetUserResponse getUser(UserServiceProto.GetUserRequest request) {
        User user = service.getUser(request.getId());
        UserServiceProto.GetUserResponse.Builder response = UserServiceProto.GetUserResponse.newBuilder();
        if (user != null) {
            response.setUser(UserMessages.toMessage(user));
        }
        return response.build();
    }

    @Override
    public UserServiceProto.Page listUser(UserServiceProto.ListUserRequest request) {
        Page<User> page = service.listUser(request.getPageNo());
        if (page == null) {
            throw new IllegalArgumentException("page " + request.getPageNo());
        }
        return UserMessages.toMessage(page);
    }
}
