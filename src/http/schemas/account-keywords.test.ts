import { describe, expect, it } from 'vitest';
import { KEYWORD_LANGUAGES } from '../../data/keywords.js';
import { AccountSettingsSchema } from './account.js';

/** The JSON Schema path to `keywords.languages` (keywords is nullable: anyOf [object, null]). */
interface LanguagesJson {
  properties: { keywords: { anyOf: [{ properties: { languages: { items: { enum: string[] } } } }] } };
}

// An account can choose any built-in keyword list, French included (docs/keywords.md, Options).
describe('account settings: keywords.languages', () => {
  it('offers exactly the built-in keyword languages', () => {
    const json = AccountSettingsSchema as unknown as LanguagesJson;
    expect(json.properties.keywords.anyOf[0].properties.languages.items.enum).toEqual([...KEYWORD_LANGUAGES]);
  });
});
