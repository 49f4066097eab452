import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.js';

// Fastify serializes a response with its schema (fast-json-stringify): an open or untyped object
// would send whatever the service returns, so every answer's shape is declared and closed. A map
// keyed by the caller's own names (evidence, event details) is a declared map (Type.Record).

type Node = Record<string, unknown>;
interface Doc { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema: Node }> }> }>>; components?: { schemas?: Record<string, Node> } }

function problems(doc: Doc, node: unknown, where: string, seen: Set<unknown>, out: string[]): void {
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) { node.forEach((n, i) => { problems(doc, n, `${where}[${i}]`, seen, out); }); return; }
  const s = node as Node;
  const ref = s.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace(/^#\/components\/schemas\//, '');
    problems(doc, doc.components?.schemas?.[name], `${where} → ${name}`, seen, out);
    return;
  }
  const isObject = s.type === 'object' || s.properties !== undefined;
  if (s.additionalProperties === true) out.push(`${where}: additionalProperties true`);
  if (isObject) {
    // a map: TypeBox writes Type.Record as patternProperties, @fastify/swagger as additionalProperties: <schema>
    const isMap = s.patternProperties !== undefined || (typeof s.additionalProperties === 'object' && s.additionalProperties !== null);
    if (!isMap && s.properties === undefined) out.push(`${where}: an object with no declared properties`);
    if (!isMap && s.additionalProperties !== false) out.push(`${where}: additionalProperties is not false`);
  }
  for (const [key, value] of Object.entries(s)) problems(doc, value, `${where}.${key}`, seen, out);
}

describe('response schemas', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('declares every JSON answer of every route as a closed shape', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json<Doc>();
    const out: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            checked += 1;
            problems(doc, media.schema, `${method.toUpperCase()} ${path} ${status} ${type}`, new Set(), out);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(out).toEqual([]);
  });
});
