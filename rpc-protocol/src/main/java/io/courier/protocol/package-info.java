/** Courier's wire format: frame header, request and response bodies, the codec and serializers. */
package io.courier.protocol;
