"""A Python gRPC server of the interface-first UserService, for a Courier consumer to call.

The servicer is written against stubs that protoc and grpc_python_plugin compile from the .proto
Courier derives from io.courier.grpc.users.UserService. Usage: users_server.py GENERATED_DIR.
Prints "port N" once it listens on 127.0.0.1; stops when its standard input closes.
"""
import importlib
import sys
from concurrent import futures

import grpc

sys.path.insert(0, sys.argv[1])
users_pb2 = importlib.import_module("courier.io.courier.grpc.users.UserService_pb2")
users_grpc = importlib.import_module("courier.io.courier.grpc.users.UserService_pb2_grpc")


def user(user_id):
    answer = users_pb2.User(
        id=user_id,
        name="py-%d" % user_id,
        status=users_pb2.USER_STATUS_LOCKED,
        birthday="2001-02-03",
        permissions=[7, 8],
        address=users_pb2.User_Address(city="Oslo"),
    )
    answer.tags["lang"] = "python"
    answer.lastLogin.seconds = 1_700_000_000 + user_id
    return answer


class Users(users_grpc.UserServiceServicer):
    def GetUser(self, request, context):
        if request.id < 0:
            context.abort(grpc.StatusCode.NOT_FOUND, "python has no user %d" % request.id)
        return user(request.id)

    def ListUser(self, request, context):
        return users_pb2.PageOfUser(pageNo=request.pageNo, total=42, result=[user(i) for i in range(3)])

    def CreateUser(self, request, context):
        return users_pb2.CreateUserResponse(value=request.name == "from-courier")

    def StreamUsers(self, request, context):
        for i in range(request.count):
            yield user(i)

    def Attachment(self, request, context):
        metadata = dict(context.invocation_metadata())
        return users_pb2.AttachmentResponse(value=metadata.get(request.key, "(none)"))


server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
users_grpc.add_UserServiceServicer_to_server(Users(), server)
port = server.add_insecure_port("127.0.0.1:0")
server.start()
print("port", port, flush=True)
sys.stdin.read()
server.stop(grace=None)
