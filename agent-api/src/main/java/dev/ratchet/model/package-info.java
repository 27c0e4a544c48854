/** Model clients: {@link dev.ratchet.model.ModelClient} and the request and reply values. */
package dev.ratchet.model;
