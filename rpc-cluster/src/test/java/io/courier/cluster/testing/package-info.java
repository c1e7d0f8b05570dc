/** Test helpers shared by the cluster tests: a fake clock, plain-value candidates, a test service. */
package io.courier.cluster.testing;
