/**
 * The catalog of self-hostable models Ratchet can drive: {@link dev.ratchet.models.ModelCatalog}
 * holds {@link dev.ratchet.models.ModelProfile}s (modalities, size, context, reported coding
 * scores, serving flags, GPU cost, sources). The built-in catalog is the resource {@code
 * catalog.json} in this package; users extend or override it with a file in the same format.
 */
package dev.ratchet.models;
