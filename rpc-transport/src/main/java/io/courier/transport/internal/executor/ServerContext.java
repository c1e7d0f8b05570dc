package io.courier.transport.internal.executor;

import io.courier.protocol.ServiceResolver;
import io.courier.protocol.frame.BodyDecoder;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.transport.ExecutorKind;
import io.courier.transport.ServiceExport;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every connection of one server shares: the services, the executors, the codec halves that
 * run off the IO thread.
 *
 * @param services finds the service a request names
 * @param executors the business executors
 * @param defaultExecutor the executor of services that name none
 * @param bodyDecoder decodes request bodies on the executor
 * @param encoder encodes responses on the thread that completes the call
 * @param placements where each method's calls run under the adaptive pool; {@code null} when the
 *     pool is not adaptive
 * @param cancelledBeforeRun counts requests dropped unrun because their consumer cancelled them
 *     while they waited for an executor thread
 */
public record ServerContext(
        ServiceResolver<ServiceExport> services,
        ServerExecutors executors,
        ExecutorKind defaultExecutor,
        BodyDecoder bodyDecoder,
        FrameEncoder encoder,
        CallPlacements placements,
        LongAdder cancelledBeforeRun) {}
