import { resolve } from 'node:path';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { UserError } from '../errors.js';

/** Log levels pino knows, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Which part of the service a process runs (several processes can share one PostgreSQL). */
export const ROLES = ['api', 'worker', 'all'] as const;

export const PROVIDERS = ['simulator', 'twilio'] as const;

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** The validated configuration of one `clearsend serve` process (README "Configuration"). */
export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65_535 }),
  host: Type.String({ minLength: 1 }),
  dataDir: Type.String({ minLength: 1 }),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  role: literals(ROLES),
  provider: literals(PROVIDERS),
  twilio: Type.Optional(Type.Object({
    accountSid: Type.String({ pattern: '^AC[0-9a-fA-F]{32}$' }),
    authToken: Type.String({ minLength: 1 }),
    apiBaseUrl: Type.String({ pattern: '^https?://' }),
  })),
  publicUrl: Type.String({ pattern: '^https?://[^/]+' }),
  logLevel: literals(LOG_LEVELS),
  simulatorSecret: Type.Optional(Type.String({ minLength: 16 })),
  bodyLimit: Type.Integer({ minimum: 1024 }),
  /** Let account-chosen webhooks (alerts, statusCallback) reach private and loopback addresses. */
  webhookAllowPrivate: Type.Boolean(),
  /** Failed authentications allowed per client address, and per API key prefix, per minute; then 429. */
  authFailureLimit: Type.Integer({ minimum: 1 }),
  /** Longest a client may take to send one whole request (headers and body), in ms; then 408 and the socket is closed. */
  requestTimeoutMs: Type.Integer({ minimum: 100 }),
  /** Longest a client may take to send a request's headers, in ms (at most requestTimeoutMs). */
  headersTimeoutMs: Type.Integer({ minimum: 100 }),
});
export type Config = Readonly<Static<typeof ConfigSchema>>;

/** Command-line flags that override the environment (`serve --port`, `--data-dir`, `--role`). */
export interface ConfigFlags {
  port?: string;
  dataDir?: string;
  role?: string;
}

/** Environment variables the service reads; everything else is ignored. */
export const CONFIG_ENV = [
  'PORT', 'HOST', 'DATABASE_URL', 'CLEARSEND_DATA_DIR', 'CLEARSEND_ROLE', 'PROVIDER', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN',
  'TWILIO_API_BASE_URL', 'PUBLIC_URL', 'LOG_LEVEL', 'SIMULATOR_SECRET', 'BODY_LIMIT', 'WEBHOOK_ALLOW_PRIVATE',
  'AUTH_FAILURE_LIMIT', 'REQUEST_TIMEOUT_MS', 'HEADERS_TIMEOUT_MS',
] as const;
export type ConfigEnv = Partial<Record<(typeof CONFIG_ENV)[number], string>> & Record<string, string | undefined>;

export const DEFAULT_PORT = 3000;
export const DEFAULT_DATA_DIR = './.clearsend';
/** 1 MiB: far above any SMS request; larger bodies are answered 413. */
export const DEFAULT_BODY_LIMIT = 1_048_576;
/** 20 failed authentications a minute: a person mistyping a key never gets near it, a key scanner does at once. */
export const DEFAULT_AUTH_FAILURE_LIMIT = 20;
/**
 * 30 s for a whole request, 10 s for its headers: a 1 MiB body at 300 kbit/s fits, a client that
 * stops sending (slowloris) holds a socket no longer than this. Node's own defaults are 300 s and
 * 60 s, and Fastify turns the request timeout off (https://fastify.dev/docs/latest/Reference/Server/#requesttimeout).
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parseInteger(raw: string | undefined, name: string, fallback: number, problems: string[]): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) {
    problems.push(`${name} must be a whole number (got ${JSON.stringify(raw)})`);
    return fallback;
  }
  return Number(raw);
}

function parseBoolean(raw: string | undefined, name: string, problems: string[]): boolean {
  if (raw === undefined) return false;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false (got ${JSON.stringify(raw)})`);
  return false;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//…@');
}

const DESCRIBE: Record<string, (value: unknown) => string> = {
  '/port': (v) => `port must be between 0 and 65535 (got ${String(v)})`,
  '/role': (v) => `--role / CLEARSEND_ROLE must be one of ${ROLES.join(', ')} (got ${JSON.stringify(v)})`,
  '/provider': (v) => `PROVIDER must be one of ${PROVIDERS.join(', ')} (got ${JSON.stringify(v)})`,
  '/logLevel': (v) => `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(v)})`,
  '/databaseUrl': (v) => `DATABASE_URL is not a postgres:// URL (got ${JSON.stringify(redactUrl(String(v)))}); unset it to use the embedded database`,
  '/twilio/accountSid': (v) => `TWILIO_ACCOUNT_SID must be "AC" followed by 32 hex digits (got ${JSON.stringify(v)})`,
  '/twilio/authToken': () => 'TWILIO_AUTH_TOKEN is empty',
  '/twilio/apiBaseUrl': (v) => `TWILIO_API_BASE_URL must be an http(s) URL (got ${JSON.stringify(v)})`,
  '/publicUrl': (v) => `PUBLIC_URL must be an http(s) URL such as https://sms.example.com (got ${JSON.stringify(v)})`,
  '/simulatorSecret': () => 'SIMULATOR_SECRET must be at least 16 characters',
  '/bodyLimit': (v) => `BODY_LIMIT must be at least 1024 bytes (got ${String(v)})`,
  '/host': () => 'HOST is empty',
  '/authFailureLimit': (v) => `AUTH_FAILURE_LIMIT must be at least 1 (got ${String(v)})`,
  '/requestTimeoutMs': (v) => `REQUEST_TIMEOUT_MS must be at least 100 (got ${String(v)})`,
  '/headersTimeoutMs': (v) => `HEADERS_TIMEOUT_MS must be at least 100 (got ${String(v)})`,
  '/dataDir': () => '--data-dir / CLEARSEND_DATA_DIR is empty',
};

/**
 * Reads the service configuration from the environment and command-line flags (flags win, except
 * that DATABASE_URL wins over --data-dir for where the data lives). Validates everything at once and
 * throws `UserError('INVALID_CONFIG')` listing every problem; returns a frozen Config.
 * Called once, in cli/; nothing below cli/ reads process.env.
 */
export function loadConfig(env: ConfigEnv, flags: ConfigFlags = {}): Config {
  const problems: string[] = [];
  const get = (name: (typeof CONFIG_ENV)[number]) => blankToUndefined(env[name]);
  const port = parseInteger(blankToUndefined(flags.port) ?? get('PORT'), flags.port === undefined ? 'PORT' : '--port', DEFAULT_PORT, problems);
  const host = get('HOST') ?? '127.0.0.1';
  const provider = get('PROVIDER') ?? 'simulator';
  const sid = get('TWILIO_ACCOUNT_SID');
  const token = get('TWILIO_AUTH_TOKEN');
  if (provider === 'twilio') {
    if (sid === undefined) problems.push('PROVIDER=twilio needs TWILIO_ACCOUNT_SID (your Twilio account SID, "AC…")');
    if (token === undefined) problems.push('PROVIDER=twilio needs TWILIO_AUTH_TOKEN (your Twilio auth token)');
  }
  const candidate = {
    port,
    host,
    dataDir: resolve(blankToUndefined(flags.dataDir) ?? get('CLEARSEND_DATA_DIR') ?? DEFAULT_DATA_DIR),
    ...(get('DATABASE_URL') === undefined ? {} : { databaseUrl: get('DATABASE_URL') }),
    role: blankToUndefined(flags.role) ?? get('CLEARSEND_ROLE') ?? 'all',
    provider,
    ...(provider === 'twilio' && sid !== undefined && token !== undefined
      ? { twilio: { accountSid: sid, authToken: token, apiBaseUrl: get('TWILIO_API_BASE_URL') ?? 'https://api.twilio.com' } }
      : {}),
    publicUrl: (get('PUBLIC_URL') ?? `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${String(port)}`).replace(/\/+$/, ''),
    logLevel: get('LOG_LEVEL') ?? 'info',
    ...(get('SIMULATOR_SECRET') === undefined ? {} : { simulatorSecret: get('SIMULATOR_SECRET') }),
    bodyLimit: parseInteger(get('BODY_LIMIT'), 'BODY_LIMIT', DEFAULT_BODY_LIMIT, problems),
    webhookAllowPrivate: parseBoolean(get('WEBHOOK_ALLOW_PRIVATE'), 'WEBHOOK_ALLOW_PRIVATE', problems),
    authFailureLimit: parseInteger(get('AUTH_FAILURE_LIMIT'), 'AUTH_FAILURE_LIMIT', DEFAULT_AUTH_FAILURE_LIMIT, problems),
    requestTimeoutMs: parseInteger(get('REQUEST_TIMEOUT_MS'), 'REQUEST_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MS, problems),
    headersTimeoutMs: parseInteger(get('HEADERS_TIMEOUT_MS'), 'HEADERS_TIMEOUT_MS', DEFAULT_HEADERS_TIMEOUT_MS, problems),
  };
  if (candidate.headersTimeoutMs > candidate.requestTimeoutMs) {
    problems.push(`HEADERS_TIMEOUT_MS (${String(candidate.headersTimeoutMs)}) must not exceed REQUEST_TIMEOUT_MS (${String(candidate.requestTimeoutMs)})`);
  }
  for (const error of Value.Errors(ConfigSchema, candidate)) {
    const describe = DESCRIBE[error.path];
    const message = describe === undefined ? `${error.path.slice(1)}: ${error.message}` : describe(error.value);
    if (!problems.includes(message)) problems.push(message);
  }
  if (problems.length > 0) {
    throw new UserError('INVALID_CONFIG', `invalid configuration:\n  - ${problems.join('\n  - ')}`, { field: 'config' });
  }
  const config = candidate as Config;
  return Object.freeze({ ...config, ...(config.twilio === undefined ? {} : { twilio: Object.freeze({ ...config.twilio }) }) });
}
