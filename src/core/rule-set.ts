/**
 * Version of the rule set (reason codes, content rules, state table). Stored with every decision so
 * an audit can tell which rules made it; bump it whenever a rule's outcome can change.
 */
export const RULE_SET_VERSION = '2026.12.0';
