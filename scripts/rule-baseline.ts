/**
 * The last commit of the previous rule set, the default baseline that `npm run eval:keywords` and
 * `npm run bench:content` print beside the current rules. Move it forward whenever RULE_SET_VERSION
 * (src/core/rule-set.ts) changes, to the last commit that still carried the old version.
 */
export const PREVIOUS_RULE_SET = { version: '2026.11.0', commit: '9eb5883' } as const;
