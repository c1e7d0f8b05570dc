package io.courier.bench.grpc;

import io.courier.bench.workload.Page;
import io.courier.bench.workload.User;
import io.courier.bench.workload.UserService;

/**
 * {@link UserService} over a blocking stub: converts the arguments to request messages and the answers back on the
 * calling thread. A {@code null} e-mail travels as the empty one (the workload's service answers both alike).
 */
final class RemoteUserService implements UserService {

    private final UserServiceGrpc.UserServiceBlockingStub stub;

    RemoteUserService(UserServiceGrpc.UserServiceBlockingStub stub) {
        this.stub = stub;
    }

    @Override
    public boolean existUser(String email) {
        return stub.existUser(UserServiceProto.ExistUserRequest.newBuilder()
                        .setEmail(UserMessages.orEmpty(email))
                        .build())
                .getExists();
    }

    @Override
    public boolean createUser(User user) {
        UserServiceProto.CreateUserRequest.Builder request = UserServiceProto.CreateUserRequest.newBuilder();
        if (user != null) {
            request.setUser(UserMessages.toMessage(user));
        }
        return stub.createUser(request.build()).getCreated();
    }

    @Override
    public User getUser(long id) {
        UserServiceProto.GetUserResponse response = stub.getUser(
                UserServiceProto.GetUserRequest.newBuilder().setId(id).build());
        return response.hasUser() ? UserMessages.fromMessage(response.getUser()) : null;
    }

    @Override
    public Page<User> listUser(int pageNo) {
        return UserMessages.fromMessage(stub.listUser(
                UserServiceProto.ListUserRequest.newBuilder().setPageNo(pageNo).build()));
    }
}
