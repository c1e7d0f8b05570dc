/**
 * gRPC-java 1.85 on the workload, as a new user would run it: default server and channel settings, plaintext over one
 * channel on 127.0.0.1, blocking stub. The messages come from {@code src/main/proto/user_service.proto}; the adapters
 * convert them to and from the workload's {@code User} and {@code Page} on every call, so the conversion is measured.
 */
package io.courier.bench.grpc;
