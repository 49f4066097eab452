/**
 * The service facade: http/, cli/ and runtime/ import services only from here. Each area's own
 * index.ts says what it offers; `Logger` is a structural interface (a pino Logger satisfies it).
 */
import { evaluate, type EvaluateRequest } from '../core/policy.js';
import type { Decision } from '../core/types.js';
import { appliedMigrations } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import type { ServiceDeps } from './shared/deps.js';

export * from './shared/index.js';
export * from './accounts/index.js';
export * from './contacts/index.js';
export * from './sending/index.js';
export * from './monitoring/index.js';
export * from './audit/index.js';

/** The pure decision for a full request (POST /v1/evaluate): nothing is read or stored. */
export function evaluateStateless(request: EvaluateRequest): Decision {
  return evaluate(request);
}

/**
 * Null once every migration is applied, else why not (GET /healthz also needs the workers
 * running: the caller knows). A database that cannot be read is a reason too, not an error.
 */
export async function notReadyReason(deps: Pick<ServiceDeps, 'db'>): Promise<string | null> {
  let applied: Set<number>;
  try {
    applied = new Set(await appliedMigrations(deps.db));
  } catch (e) {
    return `the database cannot be read: ${e instanceof Error ? e.message : String(e)}`;
  }
  const missing = MIGRATIONS.filter((m) => !applied.has(m.id)).map((m) => m.id);
  return missing.length === 0 ? null : `migrations not applied yet: ${missing.join(', ')} (run: clearsend db migrate)`;
}
