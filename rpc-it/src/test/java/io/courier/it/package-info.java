/**
 * Courier's reliability suite: providers run as separate JVMs ({@link io.courier.it.ProviderMain}) that
 * the tests kill, stop, restart and overload under load, against a ZooKeeper in the test JVM that the
 * tests restart and whose sessions they expire. Each provider keeps a ledger of what it executed, so
 * that "nothing lost, nothing run twice" is proven from both ends.
 */
package io.courier.it;
