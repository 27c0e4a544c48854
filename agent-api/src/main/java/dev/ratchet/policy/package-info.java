/** Loop policies: {@link dev.ratchet.policy.Policy}, decisions and budgets. */
package dev.ratchet.policy;
