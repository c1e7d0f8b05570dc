/**
 * Test doubles shared by the protocol and transport tests (published in this module's test-jar): a
 * small serializer that needs no real one, and a policy that allows every class.
 */
package io.courier.protocol.testing;
