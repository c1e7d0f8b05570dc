package io.courier.bench.raw;

import io.courier.bench.workload.Page;
import io.courier.bench.workload.User;
import io.courier.bench.workload.UserService;

/**
 * The consumer stub of the raw RPC: each method encodes its own arguments and decodes its own result, the work a
 * framework's generated proxy and serializer do generically. Thread-safe; does not own the client.
 */
public final class RawUserService implements UserService {

    private final RawRpcClient client;

    public RawUserService(RawRpcClient client) {
        this.client = client;
    }

    @Override
    public boolean existUser(String email) {
        return client.invoke(WireFormat.EXIST_USER, out -> WireFormat.writeString(out, email), in -> in.readBoolean());
    }

    @Override
    public boolean createUser(User user) {
        return client.invoke(WireFormat.CREATE_USER, out -> WireFormat.writeUser(out, user), in -> in.readBoolean());
    }

    @Override
    public User getUser(long id) {
        return client.invoke(WireFormat.GET_USER, out -> out.writeLong(id), WireFormat::readUser);
    }

    @Override
    public Page<User> listUser(int pageNo) {
        return client.invoke(WireFormat.LIST_USER, out -> out.writeInt(pageNo), WireFormat::readUserPage);
    }
}
