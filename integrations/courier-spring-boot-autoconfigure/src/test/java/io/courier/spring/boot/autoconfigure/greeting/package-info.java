/** A small service, its provider bean and consumer beans of every injection style, for the starter's tests. */
package io.courier.spring.boot.autoconfigure.greeting;
