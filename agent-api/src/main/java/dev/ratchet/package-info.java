/** Ratchet's exception roots; the vocabulary lives in the sub-packages. */
package dev.ratchet;
