import { Type, type Static } from '@sinclair/typebox';
import type { AccountRow } from '../../store/accounts.js';
import { OrNull, strict } from '../shared/shapes.js';
import { AccountSettingsViewSchema } from './settings-schema.js';

/** Account choices the policy and inbound handling read (docs/api.md, PATCH /v1/account). */
export type AccountSettings = Static<typeof AccountSettingsViewSchema>;

/** A settings patch (PATCH /v1/account): each group given replaces the stored one; null removes it. */
export type AccountSettingsPatch = { [K in keyof AccountSettings]?: AccountSettings[K] | null };

/** An account as the API shows it (never its keys). */
export const AccountViewSchema = Type.Object({
  accountId: Type.String(),
  sid: Type.String(),
  name: Type.String(),
  brandName: Type.String(),
  brandAliases: Type.Array(Type.String()),
  helpText: OrNull(Type.String()),
  settings: AccountSettingsViewSchema,
  createdAt: Type.String(),
}, { ...strict, title: 'Account' });
export type AccountView = Static<typeof AccountViewSchema>;

/** The settings JSON of an account row, as written by updateAccount. */
export function accountSettings(row: AccountRow): AccountSettings {
  return row.settings;
}

/** Row → view. */
export function toAccountView(row: AccountRow): AccountView {
  return {
    accountId: row.accountId,
    sid: row.sid,
    name: row.name,
    brandName: row.brandName,
    brandAliases: row.brandAliases,
    helpText: row.helpText,
    settings: accountSettings(row),
    createdAt: row.createdAt.toISOString(),
  };
}
