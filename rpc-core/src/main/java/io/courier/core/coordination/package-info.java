/**
 * What every registry's coordination shares whatever store it runs on: a coordination's primitives by
 * name, its grants and its close ({@link io.courier.core.coordination.CoordinationTable}), a reentrant
 * lock's holding threads, a semaphore's leases and an election member's gains and losses.
 */
package io.courier.core.coordination;
