/**
 * What users and extension authors touch: the {@link io.courier.api.Export} and
 * {@link io.courier.api.Reference} annotations, the call model ({@link io.courier.api.Invocation},
 * {@link io.courier.api.RpcResult}, {@link io.courier.api.Invoker}), the descriptors and options of
 * services and references, and errors. The extension points that the other modules implement live
 * in sub-packages named by job: {@link io.courier.api.cluster}, {@link io.courier.api.registry},
 * {@link io.courier.api.serialization}, {@link io.courier.api.filter} and {@link
 * io.courier.api.proxy}; they use this package, and this package uses none of them.
 */
package io.courier.api;
