import { Type, type Static } from '@sinclair/typebox';
import { AccountSettingsSchema, AccountViewSchema } from '../../services/index.js';
import { strict } from './common.js';

export { AccountSettingsSchema };

/** `PATCH /v1/account`. */
export const PatchAccountBody = Type.Object({
  brandName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  brandAliases: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 })),
  helpText: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 640 }), Type.Null()])),
  settings: Type.Optional(AccountSettingsSchema),
}, strict);
export type PatchAccountBody = Static<typeof PatchAccountBody>;

/** An account as the API shows it (never its keys). */
export const AccountSchema = AccountViewSchema;
