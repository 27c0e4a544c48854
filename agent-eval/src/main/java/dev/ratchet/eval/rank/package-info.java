/**
 * Ranking models by the survey's weighted rubric: {@link dev.ratchet.eval.rank.Ranking#of}
 * combines measured results (results files of {@link dev.ratchet.eval.EvalResult}s) with the
 * {@link dev.ratchet.models.ModelCatalog}; {@link dev.ratchet.eval.rank.Rubric} holds the five
 * dimensions, their weights and the documented scoring rules; {@link
 * dev.ratchet.eval.rank.Report} writes the ranking as Markdown, JSON or a self-contained HTML
 * page with inline SVG charts.
 */
package dev.ratchet.eval.rank;
