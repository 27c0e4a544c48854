/** The loop as data: tasks, iterations, state, results, and the typed events listeners receive. */
package dev.ratchet.loop;
