package io.courier.bench.thrift;

/**
 * The service both Thrift servers serve: the workload's smallest call and its user-sized answer, in types Thrift has.
 * Courier derives its IDL ({@code ThriftSchemas.idlFile}); libthrift's side serves the same IDL by hand
 * ({@link UserProcessor}).
 */
public interface ThriftUserService {

    /** As {@code UserService.existUser}. */
    boolean existUser(String email);

    /** As {@code UserService.getUser}, in Thrift's types. */
    ThriftUser getUser(long id);
}
