package dev.ratchet.action;

/**
 * One thing a model asks for in a reply: change files, read a file, run a command, or finish; or
 * a tool call that could not be understood ({@link InvalidCall}), which the loop answers with what
 * was wrong.
 *
 * <p>The family is sealed so that every consumer handles each kind; switch over it with pattern
 * matching.
 */
public sealed interface Action permits Edit, ReadFile, RunCommand, Finish, InvalidCall {}
