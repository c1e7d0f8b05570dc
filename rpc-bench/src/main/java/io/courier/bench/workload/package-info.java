/**
 * The workload of the public dubbo-benchmark project: a user service with four calls of growing payload, written
 * again with the same shapes so that every system under test serves exactly the same objects.
 */
package io.courier.bench.workload;
