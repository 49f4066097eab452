/**
 * Loads classifyInbound() as it was at another git revision, so scripts/keyword-eval.ts can print
 * old and new figures from one run. The classifier's module and the relative imports it pulls in
 * are read with `git show <rev>:<path>` into a temporary directory and imported from there.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InboundClassification } from '../src/core/types.js';
import { PREVIOUS_RULE_SET } from './rule-baseline.js';

export type Classifier = (text: string) => InboundClassification;

const ENTRY = 'src/core/keywords.ts';

const git = (root: string, args: readonly string[]): string =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** The repository root, or undefined when git or the repository is not available. */
export function gitRoot(cwd: string): string | undefined {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return undefined;
  }
}

/** The last commit of the previous rule set (scripts/rule-baseline.ts), as a short hash. */
export function defaultBaseline(root: string): string {
  return git(root, ['rev-parse', '--short', PREVIOUS_RULE_SET.commit]).trim();
}

const RELATIVE_IMPORT = /\bfrom\s+'(\.{1,2}\/[^']+)'|\bimport\s+'(\.{1,2}\/[^']+)'/g;

/** Copies `path` at `rev` and every file it imports relatively into `dir`; `.js` specifiers name `.ts` sources. */
function copyTree(root: string, rev: string, path: string, dir: string, seen: Set<string>): void {
  if (seen.has(path)) return;
  seen.add(path);
  const text = git(root, ['show', `${rev}:${path}`]);
  const target = join(dir, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  for (const m of text.matchAll(RELATIVE_IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec === undefined) continue;
    copyTree(root, rev, posix.normalize(posix.join(posix.dirname(path), spec.replace(/\.js$/, '.ts'))), dir, seen);
  }
}

/** classifyInbound() at `rev` (any git revision: hash, tag, `HEAD~2`). Throws when git cannot show it. */
export async function loadClassifierAt(root: string, rev: string): Promise<Classifier> {
  const dir = mkdtempSync(join(tmpdir(), 'clearsend-keywords-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  copyTree(root, rev, ENTRY, dir, new Set());
  const mod: unknown = await import(pathToFileURL(join(dir, ENTRY)).href);
  const classify = (mod as { classifyInbound?: unknown }).classifyInbound;
  if (typeof classify !== 'function') throw new Error(`${rev}:${ENTRY} exports no classifyInbound`);
  return (text: string) => (classify as Classifier)(text);
}
