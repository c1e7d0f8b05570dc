/** The service the fory end-to-end tests call: the benchmark's user and page, an exception, a value of any type. */
package io.courier.bootstrap.fory.accounts;
