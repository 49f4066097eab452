import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { UserError } from '../errors.js';

const SID = `AC${'a'.repeat(32)}`;

function problems(env: Record<string, string>, flags = {}): string {
  try {
    loadConfig(env, flags);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).code).toBe('INVALID_CONFIG');
    return (e as UserError).message;
  }
  throw new Error('expected INVALID_CONFIG');
}

describe('loadConfig', () => {
  it('defaults to the embedded database, the simulator, port 3000 and a frozen config', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', provider: 'simulator', role: 'all', logLevel: 'info', publicUrl: 'http://127.0.0.1:3000' });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('.clearsend')).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it.each([
    [{ PORT: '8080' }, {}, { port: 8080, publicUrl: 'http://127.0.0.1:8080' }],
    [{ PORT: '8080' }, { port: '9090' }, { port: 9090 }],
    [{ CLEARSEND_ROLE: 'worker' }, { role: 'api' }, { role: 'api' }],
    [{ DATABASE_URL: 'postgres://u:p@db/x' }, { dataDir: '/srv/clearsend' }, { databaseUrl: 'postgres://u:p@db/x' }],
    [{ DATABASE_URL: 'postgresql://db/x' }, {}, { databaseUrl: 'postgresql://db/x' }],
    [{ PUBLIC_URL: 'https://sms.example.com/' }, {}, { publicUrl: 'https://sms.example.com' }],
    [{ HOST: '0.0.0.0', PORT: '4000' }, {}, { publicUrl: 'http://127.0.0.1:4000' }],
    [{ PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'tok' }, {}, { provider: 'twilio', twilio: { accountSid: SID, authToken: 'tok', apiBaseUrl: 'https://api.twilio.com' } }],
    [{ LOG_LEVEL: 'debug', SIMULATOR_SECRET: 's'.repeat(16), BODY_LIMIT: '2048' }, {}, { logLevel: 'debug', simulatorSecret: 's'.repeat(16), bodyLimit: 2048 }],
    [{ PORT: '  ' }, {}, { port: 3000 }],
  ])('%j %j → %j', (env, flags, expected) => {
    expect(loadConfig(env, flags)).toMatchObject(expected);
  });

  it.each([
    [{ DATABASE_URL: 'mysql://root:secret@db/x' }, 'DATABASE_URL is not a postgres:// URL (got "mysql://…@db/x"); unset it to use the embedded database'],
    [{ PORT: 'eighty' }, 'PORT must be a whole number (got "eighty")'],
    [{ PORT: '70000' }, 'port must be between 0 and 65535 (got 70000)'],
    [{ PROVIDER: 'nexmo' }, 'PROVIDER must be one of simulator, twilio (got "nexmo")'],
    [{ PROVIDER: 'twilio' }, 'PROVIDER=twilio needs TWILIO_ACCOUNT_SID'],
    [{ PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'XX1', TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_ACCOUNT_SID must be "AC" followed by 32 hex digits'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ PUBLIC_URL: 'sms.example.com' }, 'PUBLIC_URL must be an http(s) URL'],
    [{ SIMULATOR_SECRET: 'short' }, 'SIMULATOR_SECRET must be at least 16 characters'],
    [{ WEBHOOK_ALLOW_PRIVATE: 'sometimes' }, 'WEBHOOK_ALLOW_PRIVATE must be true or false (got "sometimes")'],
  ])('%j is refused: %s', (env, message) => {
    expect(problems(env)).toContain(message);
  });

  it.each([[undefined, false], ['true', true], ['1', true], ['false', false]])('WEBHOOK_ALLOW_PRIVATE=%s → %s', (value, allowed) => {
    expect(loadConfig(value === undefined ? {} : { WEBHOOK_ALLOW_PRIVATE: value }).webhookAllowPrivate).toBe(allowed);
  });

  it('lists every problem at once, and a bad --role flag', () => {
    const message = problems({ DATABASE_URL: 'sqlite://x', LOG_LEVEL: 'loud', PROVIDER: 'twilio' }, { role: 'both', port: '-1' });
    for (const part of ['DATABASE_URL', 'LOG_LEVEL', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', '--role', '--port must be a whole number']) {
      expect(message).toContain(part);
    }
    expect(message.split('\n  - ').length).toBe(7);
  });

  it('never echoes a DATABASE_URL password', () => {
    expect(problems({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).not.toContain('hunter2');
  });
});
