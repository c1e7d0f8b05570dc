/**
 * Test-only classes that stand in for deserialization gadgets: a canary whose static initializer
 * raises a flag, and decoys written in place of gadget class names.
 */
package io.courier.protocol.gadget;
