"""Calls a Courier provider with Apache Thrift's stock Python client, on stubs that Debian's thrift
compiler generated from the IDL Courier emits. Usage: accounts_client.py PORT GENERATED_DIR binary|compact
plain|multiplexed. Prints one line per call."""
import sys

sys.path.insert(0, sys.argv[2])

from thrift.protocol import TBinaryProtocol, TCompactProtocol, TMultiplexedProtocol
from thrift.transport import TSocket, TTransport

from accounts import Accounts
from accounts.ttypes import CourierError, Accounts_Kind as Kind, Accounts_Node as Node

port, protocol_name, mode = int(sys.argv[1]), sys.argv[3], sys.argv[4]
transport = TTransport.TFramedTransport(TSocket.TSocket("127.0.0.1", port))
if protocol_name == "binary":
    protocol = TBinaryProtocol.TBinaryProtocol(transport)
else:
    protocol = TCompactProtocol.TCompactProtocol(transport)
if mode == "multiplexed":
    protocol = TMultiplexedProtocol.TMultiplexedProtocol(protocol, "Accounts")
client = Accounts.Client(protocol)
transport.open()
try:
    account = client.open("ada-" + protocol_name, Kind.SAVINGS, {"vip", "early"})
    print("open", account.owner, Kind._VALUES_TO_NAMES[account.kind], account.balanceCents, sorted(account.tags))
    print("deposit", client.deposit(account.id, 250), client.deposit(account.id, 50))
    try:
        client.deposit(-1, 1)
        print("deposit(-1) answered")
    except CourierError as error:
        print("deposit(-1)", error.code, error.number, error.exceptionClass, error.message, error.notExecuted)
    print("byKind", [a.owner for a in client.byKind(Kind.SAVINGS) if a.owner == "ada-" + protocol_name])
    print("counts", client.counts().get("SAVINGS", 0) >= 1)
    print("reverse", list(client.reverse(b"\x01\x02\x03")))
    client.audit("audited-" + protocol_name)
    # a call after the oneway one: its answer proves the connection stayed in step
    print("depth", client.depth(Node(name="a", child=Node(name="b"))))
finally:
    transport.close()
