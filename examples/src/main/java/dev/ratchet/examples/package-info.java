/** Small programs that show how to compose Ratchet; each is run by a test. */
package dev.ratchet.examples;
