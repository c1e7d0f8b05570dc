/** Directories, routers, load balancers and fault-tolerance strategies. */
package io.courier.cluster;
