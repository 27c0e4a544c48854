/**
 * Reading what cargo and its tools print, and checking manifests before cargo runs.
 *
 * <p>Everything here is a pure function of text or of files read without following links. Output
 * of a sandboxed build or test run is untrusted: the code under test can print anything to stdout.
 * Each class says what it trusts and what it refuses to trust.
 */
package dev.ratchet.rust.cargo;
