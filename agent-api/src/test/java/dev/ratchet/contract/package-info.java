/**
 * Abstract contract tests, shipped in agent-api's test-jar: an implementation's test extends one
 * and supplies a factory, and inherits the tests every implementation of that SPI must pass.
 */
package dev.ratchet.contract;
