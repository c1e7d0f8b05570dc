package io.courier.bench.grpc;

import io.courier.bench.workload.Page;
import io.courier.bench.workload.User;
import io.courier.bench.workload.UserService;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC service in front of a {@link UserService}: each call converts its request message to the workload's
 * arguments, calls the service and converts the answer back. {@code StreamUsers} is served by a {@link UserStream}.
 */
final class UserServiceEndpoint extends UserServiceGrpc.UserServiceImplBase {

    private final UserService service;

    UserServiceEndpoint(UserService service) {
        this.service = service;
    }

    @Override
    public void existUser(
            UserServiceProto.ExistUserRequest request, StreamObserver<UserServiceProto.ExistUserResponse> answer) {
        boolean exists = service.existUser(request.getEmail());
        answer.onNext(UserServiceProto.ExistUserResponse.newBuilder()
                .setExists(exists)
                .build());
        answer.onCompleted();
    }

    @Override
    public void createUser(
            UserServiceProto.CreateUserRequest request, StreamObserver<UserServiceProto.CreateUserResponse> answer) {
        User user = request.hasUser() ? UserMessages.fromMessage(request.getUser()) : null;
        boolean created = service.createUser(user);
        answer.onNext(UserServiceProto.CreateUserResponse.newBuilder()
                .setCreated(created)
                .build());
        answer.onCompleted();
    }

    @Override
    public void getUser(
            UserServiceProto.GetUserRequest request, StreamObserver<UserServiceProto.GetUserResponse> answer) {
        User user = service.getUser(request.getId());
        UserServiceProto.GetUserResponse.Builder response = UserServiceProto.GetUserResponse.newBuilder();
        if (user != null) {
            response.setUser(UserMessages.toMessage(user));
        }
        answer.onNext(response.build());
        answer.onCompleted();
    }

    @Override
    public void listUser(UserServiceProto.ListUserRequest request, StreamObserver<UserServiceProto.Page> answer) {
        Page<User> page = service.listUser(request.getPageNo());
        if (page == null) {
            answer.onError(Status.NOT_FOUND
                    .withDescription("page " + request.getPageNo())
                    .asRuntimeException());
            return;
        }
        answer.onNext(UserMessages.toMessage(page));
        answer.onCompleted();
    }

    @Override
    public void streamUsers(UserServiceProto.StreamUsersRequest request, StreamObserver<UserServiceProto.User> answer) {
        int count = request.getCount();
        if (count < 0) {
            answer.onError(Status.INVALID_ARGUMENT
                    .withDescription("count: " + count + " (expected: >= 0)")
                    .asRuntimeException());
            return;
        }
        new UserStream((ServerCallStreamObserver<UserServiceProto.User>) answer, count).start();
    }
}
