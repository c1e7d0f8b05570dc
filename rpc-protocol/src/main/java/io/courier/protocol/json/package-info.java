/**
 * JSON for Courier: the strictly configured Jackson mappers behind the {@code json} serializer, and
 * service metadata (methods, parameter names, JSON Schemas) as providers publish it and gateways read
 * it.
 */
package io.courier.protocol.json;
