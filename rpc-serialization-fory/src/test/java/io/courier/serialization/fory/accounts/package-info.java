/** The service the fory end-to-end tests call: user- and page-like values, an exception, a value of any type. */
package io.courier.serialization.fory.accounts;
