/**
 * The systems-engineering task pack: ten-kind Rust tasks bundled in the jar, each a starting crate,
 * a request, hidden checks, grading gates and a reference solution ({@link
 * dev.ratchet.eval.tasks.TaskPack}, {@link dev.ratchet.eval.tasks.Task}).
 */
package dev.ratchet.eval.tasks;
