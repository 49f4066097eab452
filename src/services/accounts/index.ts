/** Accounts, API keys and dashboard sessions. Other areas import it only through this file, the layers above through services/index.ts. */
export { authenticateBasic, authenticateBearer, createAccount, createApiKey, findAccountBySid, findOrCreateAccountKey, getAccount, updateAccount } from './accounts.js';
export { authenticateSession, closeSession, openSession, SESSION_COOKIE, SESSION_IDLE_MS } from './sessions.js';
export { AccountSettingsSchema } from './settings-schema.js';
export { accountSettings, type AccountSettings, type AccountSettingsPatch, type AccountView, AccountViewSchema, toAccountView } from './views.js';
