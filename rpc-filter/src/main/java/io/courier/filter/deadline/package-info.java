/**
 * Deadlines: the consumer sends what is left of the call's time budget, the provider refuses a
 * request whose budget is spent without running it, and calls made while serving a request
 * inherit what is left of its budget.
 */
package io.courier.filter.deadline;
