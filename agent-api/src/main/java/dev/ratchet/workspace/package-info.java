/** The working tree the loop owns: {@link dev.ratchet.workspace.Workspace} and apply results. */
package dev.ratchet.workspace;
