import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createAccount, listNumbers, putNumber, type AccountView } from '../../src/services/index.js';
import type { OwnsNumberResult } from '../../src/providers/provider.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from './fake-provider.js';
import { makeDeps } from './helpers.js';

/** A provider that owns only the numbers it is told to (Twilio's IncomingPhoneNumbers, scripted). */
class OwningProvider extends FakeProvider {
  readonly owned = new Set<string>();
  readonly asked: string[] = [];
  down = false;
  ownsNumber(phone: string): Promise<OwnsNumberResult> {
    this.asked.push(phone);
    if (this.down) return Promise.resolve({ kind: 'transient', message: 'HTTP 503' });
    return Promise.resolve(this.owned.has(phone) ? { kind: 'owned' } : { kind: 'not_owned' });
  }
}

let t: TestDb;
let provider: OwningProvider;
let deps: ReturnType<typeof makeDeps>;
let a: AccountView;
let b: AccountView;

beforeAll(async () => {
  t = await createTestDb();
  provider = new OwningProvider();
  deps = makeDeps(t.db, provider);
  a = (await createAccount(deps, { name: 'a', brandName: 'A Co' })).account;
  b = (await createAccount(deps, { name: 'b', brandName: 'B Co' })).account;
});
afterAll(async () => { await t.close(); });

const userError = async (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe(`sender numbers have one owner (${testDbKind})`, () => {
  it('another account cannot claim a number; the owner can re-put it', async () => {
    provider.owned.add('+12125550300');
    await putNumber(deps, a.accountId, '+12125550300', { registered: true });
    const e = await userError(putNumber(deps, b.accountId, '+1 (212) 555-0300', { registered: true }));
    expect(e).toBeInstanceOf(UserError);
    expect(e).toMatchObject({ code: 'NUMBER_OWNED_ELSEWHERE', field: 'phone' });
    expect(await listNumbers(deps, b.accountId)).toEqual([]);
    expect(await putNumber(deps, a.accountId, '+12125550300', { registered: false })).toMatchObject({ phone: '+12125550300', registered: false });
    expect((await listNumbers(deps, a.accountId)).map((n) => n.phone)).toEqual(['+12125550300']);
  });

  it('a number the provider account does not own is refused (400) and not stored', async () => {
    const e = await userError(putNumber(deps, a.accountId, '+12125550301', { registered: true }));
    expect(e).toMatchObject({ code: 'NUMBER_NOT_ON_PROVIDER', field: 'phone' });
    expect((e as Error).message).toContain('+12125550301');
    expect((await listNumbers(deps, a.accountId)).map((n) => n.phone)).not.toContain('+12125550301');
  });

  it('asks the provider only for a number new to the account; a provider outage is not the caller\'s error', async () => {
    provider.asked.length = 0;
    await putNumber(deps, a.accountId, '+12125550300', { registered: true });
    expect(provider.asked).toEqual([]);
    provider.down = true;
    try {
      const e = await userError(putNumber(deps, a.accountId, '+12125550302', { registered: true }));
      expect(e).toBeInstanceOf(Error);
      expect(e).not.toBeInstanceOf(UserError);
    } finally {
      provider.down = false;
    }
  });
});
