/**
 * The built-in {@link io.courier.api.cluster.Router} extensions, in chain order: {@code disabled}
 * (instances switched off by dynamic configuration), {@code condition} (rules in a small, safe
 * grammar, see {@link io.courier.cluster.router.ConditionRule}) and {@code tag} (canary and grey
 * releases).
 */
package io.courier.cluster.router;
