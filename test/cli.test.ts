import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const request = {
  now: '2026-03-10T17:00:00Z',
  message: { to: '+12124561234', body: 'Acme Realty: 3 new listings match your search. Reply STOP to unsubscribe', purpose: 'marketing' },
  sender: { brandName: 'Acme Realty', registered: true },
  consent: [{ channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, grantedAt: '2026-01-05T10:00:00Z', evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true } }],
  history: { messagesSent: 2, lastOptOutNoticeAt: '2026-03-01T17:00:00Z' },
};

function parseJson(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

describe('clearsend evaluate', () => {
  it('prints one decision as JSON and exits 0 for an allowed text', async () => {
    const run = await runCli(['evaluate', '--json'], JSON.stringify(request));
    expect(run.code).toBe(0);
    const decision = parseJson(run.stdout);
    expect(decision.verdict).toBe('allow');
    expect(decision.segments).toMatchObject({ encoding: 'GSM-7', count: 1 });
  });

  it('shows the number-plan reasons: a 900 number is blocked, a 555-01XX number warned', async () => {
    const premium = await runCli(['evaluate', '--json'], JSON.stringify({ ...request, message: { ...request.message, to: '+19002345678' } }));
    const decision = parseJson(premium.stdout) as { verdict: string; reasons: { code: string; severity: string }[] };
    expect(decision.verdict).toBe('block');
    expect(decision.reasons[0]).toMatchObject({ code: 'number.premium_rate', severity: 'block' });
    const fictional = await runCli(['evaluate'], JSON.stringify({ ...request, message: { ...request.message, to: '+12125550123' } }));
    expect(fictional.code).toBe(0);
    expect(fictional.stdout).toMatch(/number\.fictional/);
  });

  it('exits 0 for a blocked text too: a compliance "no" is not an error', async () => {
    const run = await runCli(['evaluate', '--json'], JSON.stringify({ ...request, consent: [] }));
    expect(run.code).toBe(0);
    expect(parseJson(run.stdout)).toMatchObject({ verdict: 'block', reasons: [{ code: 'consent.missing', severity: 'block' }] });
  });

  it('defers a marketing text at night with sendAt', async () => {
    const run = await runCli(['evaluate', '--json'], JSON.stringify({ ...request, now: '2026-03-11T03:30:00Z' }));
    const decision = parseJson(run.stdout);
    expect(decision.verdict).toBe('defer');
    expect(decision.sendAt).toBe('2026-03-11T12:00:00.000Z');
  });

  it.each([
    ['not JSON', '{"now": ', '(request)', /not valid JSON/],
    ['a missing field', JSON.stringify({ ...request, message: { ...request.message, body: undefined } }), 'message.body', /message\.body is required/],
    ['a bad purpose', JSON.stringify({ ...request, message: { ...request.message, purpose: 'promo' } }), 'message.purpose', /must be one of/],
    ['a bad date', JSON.stringify({ ...request, now: 'tomorrow' }), 'now', /not an ISO 8601/],
    ['a bad consent date', JSON.stringify({ ...request, consent: [{ ...request.consent[0], grantedAt: 'last week' }] }), 'consent[0].grantedAt', /ISO 8601/],
    ['an unknown field', JSON.stringify({ ...request, mesage: {} }), 'mesage', /not a known field/],
    ['a bad time zone', JSON.stringify({ ...request, recipient: { timezone: 'Mars/Olympus' } }), 'recipient.timezone', /IANA/],
    ['a bad state', JSON.stringify({ ...request, recipient: { state: 'ZZ' } }), 'recipient.state', /state/],
  ])('exits 2 with a JSON error naming the field for %s', async (_name, stdin, field, message) => {
    const run = await runCli(['evaluate', '--json'], stdin);
    expect(run.code).toBe(2);
    const error = parseJson(run.stdout);
    expect(error).toMatchObject({ error: 'INVALID_INPUT', field });
    expect(String(error.message)).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses to wait for a request on an interactive terminal', async () => {
    const run = await runCli(['evaluate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no request given/);
  });
});

describe('clearsend segments', () => {
  it.each([
    ['Hello', { encoding: 'GSM-7', count: 1, units: 5 }],
    ['a'.repeat(161), { encoding: 'GSM-7', count: 2, units: 161 }],
    ['“Hi”', { encoding: 'UCS-2', count: 1, units: 4 }],
  ])('counts %j', async (text, expected) => {
    const run = await runCli(['segments', '--json', text]);
    expect(run.code).toBe(0);
    expect(parseJson(run.stdout)).toMatchObject(expected);
  });

  it('reads stdin when no text is given', async () => {
    const run = await runCli(['segments', '--json'], 'Hello there\n');
    expect(parseJson(run.stdout)).toMatchObject({ units: 11 });
  });

  it('prints a short human summary', async () => {
    const run = await runCli(['segments', 'Caf\u00e9 “deal”']);
    expect(run.stdout).toMatch(/1 segment · UCS-2/);
    expect(run.stdout).toMatch(/smart encoding: 1 segment \(GSM-7\)/);
  });
});

describe('clearsend lint', () => {
  it('exits 1 on the Quick start example and names every finding', async () => {
    const run = await runCli(['lint', '--json', '--first', '--brand', 'Acme Realty', 'Hi Dana, open house Sat!!! https://bit.ly/x']);
    expect(run.code).toBe(1);
    const codes = (parseJson(run.stdout).reasons as { code: string }[]).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['content.url_shortener', 'sender.identification_missing', 'optout.language_missing', 'content.exclamation']));
  });

  it('exits 0 on a clean template', async () => {
    const run = await runCli(['lint', '--first', '--brand', 'Acme Realty', 'Acme Realty: Your showing is confirmed for Sat 10am. Reply STOP to unsubscribe']);
    expect(run.stdout).toMatch(/OK/);
    expect(run.code).toBe(0);
  });

  it('lints several files and reports each', async () => {
    const files = { 'a.txt': 'Acme: Open house Sat 1-3pm. Reply STOP to opt out\n', 'b.txt': 'Get a payday loan today! Reply STOP to opt out' };
    const run = await runCli(['lint', '--json', '--file', 'a.txt', '--file', 'b.txt'], undefined, files);
    const results = JSON.parse(run.stdout) as { source: string; verdict: string }[];
    expect(results.map((r) => [r.source, r.verdict])).toEqual([['a.txt', 'ok'], ['b.txt', 'block']]);
    expect(run.code).toBe(1);
  });

  it.each([
    [['lint', '--purpose', 'promo', 'hi'], /--purpose must be one of/],
    [['lint', '--file', 'missing.txt'], /cannot read missing.txt: no such file/],
    [['lint', '--bogus', 'hi'], /Unknown option '--bogus'/],
    [['lint', '--file', 'a.txt', 'text'], /either TEXT or --file/],
  ])('exits 2 with one line for %j', async (argv, message) => {
    const run = await runCli(argv, undefined, { 'a.txt': 'x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('clearsend keyword', () => {
  it.each([
    ['STOP', { kind: 'opt_out', keyword: 'STOP' }],
    ['  stop!! ', { kind: 'opt_out', keyword: 'STOP' }],
    ['Help', { kind: 'help' }],
    ['please stop texting me', { kind: 'opt_out_phrase' }],
    ['yes 3pm works', { kind: 'none' }],
  ])('classifies %j', async (text, expected) => {
    const run = await runCli(['keyword', '--json', text]);
    expect(run.code).toBe(0);
    expect(parseJson(run.stdout)).toMatchObject(expected);
  });
});

describe('clearsend optin-lint', () => {
  const good = `By checking this box, I agree to receive recurring marketing text messages from Acme Realty about new listings
at the number provided. Consent is not a condition of purchase. Msg frequency varies. Msg & data rates may apply.
Reply HELP for help and STOP to cancel. Privacy Policy: https://acme.example/privacy Terms: https://acme.example/terms`;

  it('passes a complete text form', async () => {
    const run = await runCli(['optin-lint', '--json', '--file', 'form.txt'], undefined, { 'form.txt': good });
    expect(parseJson(run.stdout).ok).toBe(true);
    expect(run.code).toBe(0);
  });

  it('exits 1 and names what is missing', async () => {
    const run = await runCli(['optin-lint'], 'Sign up for texts from Acme!');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/missing/);
  });
});

describe('clearsend', () => {
  it('prints usage and exits 2 without a command', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: clearsend/);
  });

  it('exits 2 on an unknown command', async () => {
    const run = await runCli(['sned']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command "sned"/);
  });
});
