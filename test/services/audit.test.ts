import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsentAudit, type ConsentAudit } from '../../src/services/audit/audit.js';
import { renderAuditCsv, renderAuditHtml } from '../../src/services/audit/audit-render.js';
import { acceptMessages, dispatchOnce, handleInbound, recordConsent, putContact, type AccountView } from '../../src/services/index.js';
import { UserError } from '../../src/errors.js';
import { selectSampledRecipients } from '../../src/store/audit.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from './fake-provider.js';
import { BODY, NOON, SENDER, makeDeps, seedAccount, seedRecipient } from './helpers.js';

let t: TestDb;
let deps: ReturnType<typeof makeDeps>;
let a: AccountView;
let b: AccountView;
const POPULATION = Array.from({ length: 30 }, (_, i) => `+1212555${String(100 + i).padStart(4, '0')}`);
const EVIDENCED = '+13125550150';
const BLOCKED_ONLY = '+13125550151';
const OUTSIDE = '+13125550152';
const FORM = {
  url: 'https://acme.example/join', formText: 'I agree to receive texts from Acme Realty. Reply STOP to cancel.', formTextSha256: 'ab12cd',
  checkbox: true, ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (iPhone) <b>x</b>',
};
const period = { from: '2026-03-10T00:00:00Z', to: '2026-03-11T00:00:00Z' };
const now = new Date('2026-03-11T09:00:00Z');
let pid = 0;

async function drain(): Promise<void> {
  while ((await dispatchOnce(deps, { workerId: 'w' })) > 0);
}

async function send(accountId: string, to: string, purpose: 'informational' | 'marketing' = 'informational', body = BODY): Promise<void> {
  const [o] = await acceptMessages(deps, accountId, [{ to, body, purpose }]);
  if (o?.ok !== true) throw new Error(`not accepted: ${JSON.stringify(o)}`);
}

beforeAll(async () => {
  t = await createTestDb();
  deps = makeDeps(t.db, new FakeProvider());
  a = (await seedAccount(deps, undefined, SENDER)).account;
  b = (await seedAccount(deps)).account;
  for (const phone of POPULATION) {
    await seedRecipient(deps, a.accountId, phone);
    await send(a.accountId, phone);
  }
  // full web-form evidence, a text that relies on it, a STOP reply and an opt-in keyword afterwards
  await putContact(deps, a.accountId, EVIDENCED, { timezone: 'America/Chicago', state: 'IL' });
  await recordConsent(deps, a.accountId, EVIDENCED, {
    channel: 'sms', purposes: ['marketing', 'informational'], method: 'web_form', written: true, grantedAt: '2026-02-01T15:00:00Z', evidence: FORM,
  });
  await send(a.accountId, EVIDENCED, 'marketing', 'Acme Realty: 3 new listings near you. Reply STOP to opt out.');
  await drain();
  deps.clock.advance(60_000);
  await handleInbound(deps, a, { providerMessageId: `SMin${String(++pid)}`, from: EVIDENCED, to: SENDER, body: '=stop texting me <script>alert(1)</script>' });
  deps.clock.advance(1_000);
  await handleInbound(deps, a, { providerMessageId: `SMin${String(++pid)}`, from: EVIDENCED, to: SENDER, body: 'STOP' });
  await drain();
  // a contact whose only text was blocked (no consent) was not messaged
  await send(a.accountId, BLOCKED_ONLY);
  // account B: the same number with its own ledger and texts, which A's audit must never show
  await seedRecipient(deps, b.accountId, EVIDENCED, ['informational']);
  await send(b.accountId, EVIDENCED);
  await drain();
  // a text after the period
  deps.clock.set('2026-03-12T15:00:00Z');
  await seedRecipient(deps, a.accountId, OUTSIDE);
  await send(a.accountId, OUTSIDE);
  await drain();
  deps.clock.set(NOON);
});
afterAll(async () => {
  await t.close();
});

const audit = (accountId: string, opts: Parameters<typeof buildConsentAudit>[2]): Promise<ConsentAudit> => buildConsentAudit(deps, accountId, { ...period, ...opts }, now);

describe(`consent audit sampling (${testDbKind})`, () => {
  it('draws from the contacts messaged in the period only, and counts them', async () => {
    const r = await audit(a.accountId, { sample: 500 });
    const phones = r.numbers.map((n) => n.phone).sort();
    expect(phones).toEqual([...POPULATION, EVIDENCED].sort());
    expect(r.selection).toMatchObject({ mode: 'sample', population: 31, requested: 500, seed: '2026-03-11' });
    expect(phones).not.toContain(BLOCKED_ONLY);
    expect(phones).not.toContain(OUTSIDE);
  });

  it('gives the same sample for the same seed, and another for another seed', async () => {
    const one = (await audit(a.accountId, { sample: 5, seed: 'carrier-2026' })).numbers.map((n) => n.phone);
    const again = (await audit(a.accountId, { sample: 5, seed: 'carrier-2026' })).numbers.map((n) => n.phone);
    expect(again).toEqual(one);
    expect(one).toHaveLength(5);
    const others = await Promise.all(['s1', 's2', 's3'].map(async (seed) => (await audit(a.accountId, { sample: 5, seed })).numbers.map((n) => n.phone).join()));
    expect(new Set([one.join(), ...others]).size).toBeGreaterThan(1);
  });

  it('is uniform: over 600 seeds each of 31 contacts is drawn about equally often (chi-square, df 30)', async () => {
    const counts = new Map<string, number>();
    const seeds = 600;
    const k = 5;
    const q = { from: new Date(period.from), to: new Date(period.to), limit: k };
    for (let s = 0; s < seeds; s++) {
      // the statement buildConsentAudit samples with (one query per seed keeps this fast)
      for (const phone of (await selectSampledRecipients(t.db, a.accountId, { ...q, seed: `seed-${String(s)}` })).phones) counts.set(phone, (counts.get(phone) ?? 0) + 1);
    }
    const expected = (seeds * k) / 31;
    const chi2 = [...POPULATION, EVIDENCED].reduce((acc, p) => acc + ((counts.get(p) ?? 0) - expected) ** 2 / expected, 0);
    // chi-square with 30 degrees of freedom: the 99.9th percentile is 59.7 (sampling without replacement only lowers the statistic)
    expect(chi2).toBeLessThan(59.7);
    expect(Math.min(...[...counts.values()])).toBeGreaterThan(expected * 0.6);
  });

  it('reports exactly the numbers given, unknown ones as "no record"', async () => {
    const r = await audit(a.accountId, { numbers: [' +1 (312) 555-0150', '+19175550199', '+13125550150'] });
    expect(r.selection).toMatchObject({ mode: 'numbers', requested: 2, seed: null });
    expect(r.numbers.map((n) => [n.phone, n.found])).toEqual([[EVIDENCED, true], ['+19175550199', false]]);
  });

  it.each([
    [{ sample: 0 }, 'sample'],
    [{ sample: 501 }, 'sample'],
    [{ sample: 2.5 }, 'sample'],
    [{ numbers: ['not a phone'] }, 'numbers', 'INVALID_PHONE'],
    [{ numbers: [' '] }, 'numbers'],
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2026-03-11T00:00:00Z', to: '2026-03-10T00:00:00Z' }, 'from'],
    [{ seed: '' }, 'seed'],
  ])('refuses %j naming the field', async (opts, field, code = 'INVALID_INPUT') => {
    const err = await audit(a.accountId, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code, field });
  });
});

describe(`consent audit content (${testDbKind})`, () => {
  it('shows every consent event with who, when, how, for what, and the opt-out history and messages', async () => {
    const r = await audit(a.accountId, { numbers: [EVIDENCED] });
    const n = r.numbers[0];
    if (n === undefined) throw new Error('no number');
    expect(r.account).toMatchObject({ accountId: a.accountId, sid: a.sid, brandName: 'Acme Realty' });
    expect(r.period).toEqual({ from: '2026-03-10T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' });
    expect(r.generatedAt).toBe(now.toISOString());
    expect(r.ruleSetVersion).toMatch(/^\d{4}\./);
    expect(n.contact).toMatchObject({ timezone: 'America/Chicago', state: 'IL' });
    expect(n.consentEvents.map((e) => [e.kind, e.method])).toEqual([['granted', 'web_form'], ['revoked', 'reply_phrase'], ['revoked', 'keyword']]);
    const grant = n.consentEvents[0];
    expect(grant).toMatchObject({
      phone: EVIDENCED, channel: 'sms', purposes: ['marketing', 'informational'], written: true, occurredAt: '2026-02-01T15:00:00.000Z',
      how: { formUrl: FORM.url, formText: FORM.formText, formTextHash: 'ab12cd', checkbox: 'true', ip: FORM.ip, userAgent: FORM.userAgent },
      evidence: FORM,
    });
    expect(n.optOuts).toHaveLength(2);
    expect(n.optOuts[0]).toMatchObject({ method: 'reply_phrase', keyword: 'stop_messaging', text: '=stop texting me <script>alert(1)</script>' });
    expect(n.optOuts[1]).toMatchObject({ method: 'keyword', keyword: 'STOP', text: 'STOP', at: '2026-03-10T17:01:01.000Z', fccDeadline: expect.any(String) as string });
    expect(n.inbound.map((m) => [m.body, m.kind])).toEqual([['=stop texting me <script>alert(1)</script>', 'opt_out_phrase'], ['STOP', 'opt_out']]);
    const marketing = n.messages.find((m) => m.purpose === 'marketing');
    expect(marketing).toMatchObject({ status: 'sent', sentAt: NOON, consentEventId: grant?.id, from: SENDER });
    expect(marketing?.consent).toEqual({ method: 'web_form', occurredAt: '2026-02-01T15:00:00.000Z', purposes: ['marketing', 'informational'] });
    // the opt-out confirmation relies on no consent
    expect(n.messages.find((m) => m.system !== null)).toMatchObject({ system: 'opt_out_confirmation', consentEventId: null });
  });

  it('never shows another account: B sees only its own ledger and texts for the same number', async () => {
    const ra = await audit(a.accountId, { numbers: [EVIDENCED] });
    const rb = await audit(b.accountId, { numbers: [EVIDENCED] });
    expect(rb.numbers[0]?.consentEvents.map((e) => e.kind)).toEqual(['granted']);
    expect(rb.numbers[0]?.inbound).toEqual([]);
    const aIds = new Set(ra.numbers[0]?.messages.map((m) => m.id));
    expect(rb.numbers[0]?.messages.some((m) => aIds.has(m.id))).toBe(false);
    expect(rb.numbers[0]?.messages).toHaveLength(1);
    expect((await audit(b.accountId, { numbers: [POPULATION[0] as string] })).numbers[0]?.found).toBe(false);
    expect((await audit(b.accountId, { sample: 100 })).numbers.map((n) => n.phone)).toEqual([EVIDENCED]);
  });

  it('renders CSV with a row per record and the formula guard, and HTML with everything escaped', async () => {
    const r = await audit(a.accountId, { numbers: [EVIDENCED, '+19175550199'] });
    const csv = renderAuditCsv(r);
    const lines = csv.split('\r\n');
    expect(lines[0]?.startsWith('phone,record,at,kind,channel,purposes,method,written,form_url')).toBe(true);
    expect(lines.filter((l) => l.startsWith(`${EVIDENCED},consent,`))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith(`${EVIDENCED},opt_out,`))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith(`${EVIDENCED},message,`)).length).toBeGreaterThanOrEqual(2);
    expect(lines).toContain(['+19175550199', 'no_record', ...Array<string>(25).fill('')].join(','));
    expect(csv).toContain(",'=stop texting me <script>alert(1)</script>,");
    expect(csv).toContain(`,${FORM.formText},`);
    const html = renderAuditHtml(r);
    expect(html).not.toContain('<script>');
    expect(html).toContain('=stop texting me &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Mozilla/5.0 (iPhone) &lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('@media print');
    for (const fact of [a.name, a.sid, 'Acme Realty', '2026-03-10T00:00:00.000Z', '2026-03-11T09:00:00.000Z', r.ruleSetVersion, 'No record']) expect(html).toContain(fact);
  });
});
