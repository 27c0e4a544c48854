/**
 * Test doubles for code built on Ratchet: a scripted or cassette {@link
 * dev.ratchet.testkit.ScriptedModelClient}, a {@link dev.ratchet.testkit.FakeGate}, a {@link
 * dev.ratchet.testkit.FakeSandbox}, and {@link dev.ratchet.testkit.Faults} that make a model client
 * misbehave on a chosen call. Nothing here needs a model, Docker or cargo.
 */
package dev.ratchet.testkit;
