/** What a model can ask for: the sealed {@link dev.ratchet.action.Action} family. */
package dev.ratchet.action;
