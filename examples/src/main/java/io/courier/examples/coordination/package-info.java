/**
 * The example of {@code docs/coordination.md}: a leader-only service, a job run by one instance
 * with a fencing token, and a store that refuses stale tokens.
 */
package io.courier.examples.coordination;
