/**
 * The {@code ratchet} command: {@link dev.ratchet.cli.Main} and its package-private subcommands.
 */
package dev.ratchet.cli;
