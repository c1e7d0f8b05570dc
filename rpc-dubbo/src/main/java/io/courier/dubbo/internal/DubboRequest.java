package io.courier.dubbo.internal;

import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.transport.ServiceExport;

/** A Dubbo request read and resolved: the service and method it calls, and the call itself. */
record DubboRequest(ServiceExport service, MethodDescriptor method, Invocation invocation) {}
