/**
 * Where commands run: {@link dev.ratchet.sandbox.Sandbox} and its specs and results; and which
 * commands a model may run there: {@link dev.ratchet.sandbox.CommandPolicy}, its {@link
 * dev.ratchet.sandbox.CommandVerdict} and the {@link dev.ratchet.sandbox.Approver} of commands
 * that need a yes.
 */
package dev.ratchet.sandbox;
