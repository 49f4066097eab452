import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateBasic,
  authenticateBearer,
  createAccount,
  createApiKey,
  findAccountBySid,
  findOrCreateAccountKey,
  getAccount,
  updateAccount,
} from '../../src/services/index.js';
import { apiKeyPrefix, hashApiKey } from '../../src/store/api-keys.js';
import { UserError } from '../../src/errors.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from '../services/fake-provider.js';
import { makeDeps } from '../services/helpers.js';

let t: TestDb;
let deps: ReturnType<typeof makeDeps>;
beforeAll(async () => {
  t = await createTestDb();
  deps = makeDeps(t.db, new FakeProvider());
});
afterAll(async () => {
  await t.close();
});

describe(`accounts and API keys (${testDbKind})`, () => {
  it('creates an account with acc_/AC ids and a cs_ key stored only as a hash', async () => {
    const { account, key } = await createAccount(deps, { name: 'brokerage', brandName: 'Acme Realty' });
    expect(account.accountId).toMatch(/^acc_[0-9a-f]{16}$/);
    expect(account.sid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(key).toMatch(/^cs_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}$/);
    const rows = await t.db.query<{ prefix: string; secret_hash: string }>('select prefix, secret_hash from api_keys where account_id = $1', [account.accountId]);
    expect(rows).toEqual([{ prefix: apiKeyPrefix(key), secret_hash: hashApiKey(key) }]);
    expect(JSON.stringify(rows)).not.toContain(key.slice(12));
  });

  it('authenticates a Bearer key and refuses a wrong, malformed or unknown one', async () => {
    const { account, key } = await createAccount(deps, { name: 'auth-test' });
    expect((await authenticateBearer(deps, key))?.accountId).toBe(account.accountId);
    const wrongSecret = key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a');
    expect(await authenticateBearer(deps, wrongSecret)).toBeNull();
    expect(await authenticateBearer(deps, 'cs_short')).toBeNull();
    expect(await authenticateBearer(deps, `cs_ZZZZZZZZ_${'a'.repeat(32)}`)).toBeNull();
    expect(await authenticateBearer(deps, '')).toBeNull();
  });

  it('authenticates Basic only with the SID of the key owner', async () => {
    const a = await createAccount(deps, { name: 'basic-a' });
    const b = await createAccount(deps, { name: 'basic-b' });
    expect((await authenticateBasic(deps, a.account.sid, a.key))?.accountId).toBe(a.account.accountId);
    expect(await authenticateBasic(deps, b.account.sid, a.key)).toBeNull();
  });

  it('keeps every key of an account valid and names a taken account ACCOUNT_NAME_TAKEN', async () => {
    const { account, key } = await createAccount(deps, { name: 'two-keys' });
    const second = await createApiKey(deps, account.accountId);
    expect(second).not.toBe(key);
    expect((await authenticateBearer(deps, second))?.accountId).toBe(account.accountId);
    await expect(createAccount(deps, { name: 'two-keys' })).rejects.toMatchObject({ code: 'ACCOUNT_NAME_TAKEN' });
    await expect(createApiKey(deps, 'acc_0000000000000000')).rejects.toBeInstanceOf(UserError);
  });

  it('findOrCreateAccountKey creates once, then adds keys to the same account', async () => {
    const first = await findOrCreateAccountKey(deps, 'demo');
    const again = await findOrCreateAccountKey(deps, 'demo');
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.account.accountId).toBe(first.account.accountId);
    expect((await authenticateBearer(deps, first.key))?.accountId).toBe(first.account.accountId);
    expect((await authenticateBearer(deps, again.key))?.accountId).toBe(first.account.accountId);
  });

  it('finds by SID, reads and updates brand, aliases, HELP text and settings', async () => {
    const { account } = await createAccount(deps, { name: 'update-me' });
    expect((await findAccountBySid(deps, account.sid))?.accountId).toBe(account.accountId);
    expect(await findAccountBySid(deps, `AC${'f'.repeat(32)}`)).toBeNull();
    const updated = await updateAccount(deps, account.accountId, {
      brandName: 'Acme', brandAliases: ['ACME Homes'], helpText: 'Acme: call 555-0100.', settings: { keywords: { optOut: ['BASTA'] } },
    });
    expect(updated).toMatchObject({ brandName: 'Acme', brandAliases: ['ACME Homes'], helpText: 'Acme: call 555-0100.', settings: { keywords: { optOut: ['BASTA'] } } });
    const partial = await updateAccount(deps, account.accountId, { helpText: null });
    expect(partial).toMatchObject({ brandName: 'Acme', brandAliases: ['ACME Homes'], helpText: null });
    expect(await getAccount(deps, account.accountId)).toEqual(partial);
    await expect(getAccount(deps, 'acc_ffffffffffffffff')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('merges settings by group: a group given replaces the stored one, null removes it, the others stay', async () => {
    const { account } = await createAccount(deps, { name: 'settings-merge' });
    await updateAccount(deps, account.accountId, { settings: { alerts: { opt_out_rate: { threshold: 0.05 } }, keywords: { optOut: ['BASTA'] } } });
    const merged = await updateAccount(deps, account.accountId, { settings: { alertWebhookUrl: 'https://hooks.example/cs' } });
    expect(merged.settings).toEqual({ alerts: { opt_out_rate: { threshold: 0.05 } }, keywords: { optOut: ['BASTA'] }, alertWebhookUrl: 'https://hooks.example/cs' });
    const replaced = await updateAccount(deps, account.accountId, { settings: { keywords: { optIn: ['SI'] }, alertWebhookUrl: null } });
    expect(replaced.settings).toEqual({ alerts: { opt_out_rate: { threshold: 0.05 } }, keywords: { optIn: ['SI'] } });
    await expect(updateAccount(deps, account.accountId, { settings: { alerts: { opt_out_rate: { threshold: 7 } } } }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'settings.alerts.opt_out_rate.threshold' });
  });
});
