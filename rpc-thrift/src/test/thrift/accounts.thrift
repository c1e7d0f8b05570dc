// The Thrift IDL of io.courier.thrift.Accounts, derived by Courier from its Java interface.
// Field ids are a contract: ThriftIdlCheck compares them with a committed copy of this file.
namespace java io.courier.thrift

// A call that failed: code is Courier's error code (ErrorCode's name, APPLICATION for the
// service's own exception, whose Java class is exceptionClass), number its number (0 for
// APPLICATION), notExecuted whether the provider proves the call did not run.
exception CourierError {
  1: string code
  2: i32 number
  3: string message
  4: string exceptionClass
  5: bool notExecuted
}

enum Accounts_Kind {
  CHECKING = 1
  SAVINGS = 2
}

struct Accounts_Account {
  1: i64 id
  2: string owner
  3: Accounts_Kind kind
  9: i64 balanceCents
  5: set<string> tags
}

struct Accounts_Node {
  1: string name
  2: Accounts_Node child
}

service Accounts {
  oneway void audit(1: string note)
  list<Accounts_Account> byKind(1: Accounts_Kind kind) throws (1: CourierError error)
  map<string, i32> counts() throws (1: CourierError error)
  i64 deposit(1: i64 id, 2: i64 cents) throws (1: CourierError error)
  i32 depth(1: Accounts_Node node) throws (1: CourierError error)
  Accounts_Account open(1: string owner, 2: Accounts_Kind kind, 3: set<string> tags) throws (1: CourierError error)
  i64 pause(1: i64 millis) throws (1: CourierError error)
  binary reverse(1: binary bytes) throws (1: CourierError error)
  // not served over Thrift: deposit(long,short): an overload of deposit (Thrift names a function once)
}
