/** Checks that judge a workspace: {@link dev.ratchet.gate.Gate} and its results. */
package dev.ratchet.gate;
