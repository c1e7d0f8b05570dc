"""A Python gRPC client of an interface-first Courier service (plain Java types, no .proto written by hand).

The stubs come from the .proto Courier derives from io.courier.grpc.users.UserService, compiled by
protoc and grpc_python_plugin. Usage: users_client.py PORT GENERATED_DIR. Prints one line per check; any failure raises.
"""
import importlib
import sys

import grpc

port, generated = sys.argv[1], sys.argv[2]
sys.path.insert(0, generated)
users_pb2 = importlib.import_module("courier.io.courier.grpc.users.UserService_pb2")
users_grpc = importlib.import_module("courier.io.courier.grpc.users.UserService_pb2_grpc")

with grpc.insecure_channel("127.0.0.1:" + port) as channel:
    users = users_grpc.UserServiceStub(channel)

    # a bean with an enum, a record, Optional, a map, bytes, LocalDate and Instant
    user = users.GetUser(users_pb2.GetUserRequest(id=2), timeout=10)
    print(
        "getUser",
        user.id,
        user.name,
        users_pb2.User_Status.Name(user.status),
        user.birthday,
        user.address.city,
        user.address.zip,
        user.tags["tier"],
        list(user.icon),
        user.lastLogin.seconds,
        user.lastLogin.nanos,
    )

    # a generic result: Page<User>
    page = users.ListUser(users_pb2.ListUserRequest(pageNo=1), timeout=10)
    print("listUser", page.pageNo, page.total, len(page.result), page.result[0].id, page.result[14].id)

    # a bean as the argument, a boolean answer
    created = users.CreateUser(
        users_pb2.User(id=7, name="py", status=users_pb2.USER_STATUS_ACTIVE, permissions=[4, 5]), timeout=10
    )
    print("createUser", created.value)

    # a server stream of beans
    print("streamUsers", ",".join(str(u.id) for u in users.StreamUsers(users_pb2.StreamUsersRequest(count=3), timeout=10)))

    # a client stream
    counted = users.CountUsers(iter([users_pb2.User(id=i) for i in range(4)]), timeout=10)
    print("countUsers", counted.value)

    # the service's exception reaches Python as a status with its message
    try:
        users.GetUser(users_pb2.GetUserRequest(id=-1), timeout=10)
        print("getUser(-1) answered")
    except grpc.RpcError as failure:
        print("getUser(-1)", failure.code().name, "no user -1" in failure.details())
