/**
 * Repository suites: Multi-SWE-bench's and SWE-bench Multilingual's Rust rows and Ratchet's own
 * folder format ({@link dev.ratchet.eval.repo.RepoSuites}), run instance by instance on private
 * clones and judged by their named tests ({@link dev.ratchet.eval.repo.RepoInstanceRunner}), with
 * a model, the reference fix or no change ({@link dev.ratchet.eval.repo.Solver}), and written out
 * as SWE-bench predictions and a report ({@link dev.ratchet.eval.repo.Predictions}).
 */
package dev.ratchet.eval.repo;
