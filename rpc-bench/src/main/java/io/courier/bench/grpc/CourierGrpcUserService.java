package io.courier.bench.grpc;

import io.courier.grpc.GrpcService;

/**
 * The benchmark's {@code courier.bench.UserService} as a Courier interface on the messages protoc generates from
 * {@code user_service.proto}: a Courier provider exporting it is called by gRPC-java's generated stub unchanged
 * (the {@code courier-grpc} system of the comparison).
 */
@GrpcService("courier.bench.UserService")
public interface CourierGrpcUserService {

    UserServiceProto.ExistUserResponse existUser(UserServiceProto.ExistUserRequest request);

    UserServiceProto.CreateUserResponse createUser(UserServiceProto.CreateUserRequest request);

    UserServiceProto.GetUserResponse getUser(UserServiceProto.GetUserRequest request);

    UserServiceProto.Page listUser(UserServiceProto.ListUserRequest request);
}
