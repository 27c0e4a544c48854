/** Where commands run: {@link dev.ratchet.sandbox.Sandbox} and its specs and results. */
package dev.ratchet.sandbox;
