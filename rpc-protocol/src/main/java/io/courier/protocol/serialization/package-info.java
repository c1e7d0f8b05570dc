/**
 * The built-in serializers (Hessian, Protostuff, JSON), the table of serializers by wire id ({@link
 * io.courier.protocol.serialization.Serializers}) and the class allow-list every serializer reads
 * through ({@link io.courier.protocol.serialization.ClassAllowList}).
 */
package io.courier.protocol.serialization;
