/**
 * Loads the rules as they were at another git revision, so that `npm run eval:keywords`
 * (classifyInbound) and `npm run bench:content` (checkContent) print old and new figures from one
 * run: `src/` at that revision is extracted with `git archive` into a temporary directory and the
 * module is imported from there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InboundClassification } from '../src/core/types.js';
import { PREVIOUS_RULE_SET } from './rule-baseline.js';

export type Classifier = (text: string) => InboundClassification;

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

/**
 * The function `name` exported by `entry` (a path under src/) at `rev` (any git revision: hash,
 * tag, `HEAD~2`), and a cleanup that removes the extracted copy. Throws when git cannot show it.
 */
export async function loadExportAt(root: string, rev: string, entry: string, name: string): Promise<{ fn: unknown; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'clearsend-rules-'));
  const cleanup = () => {
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const tar = execFileSync('git', ['archive', '--format=tar', rev, 'src'], { cwd: root, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    const mod = (await import(pathToFileURL(join(dir, entry)).href)) as Record<string, unknown>;
    const fn = mod[name];
    if (typeof fn !== 'function') throw new Error(`${rev}:${entry} exports no ${name}`);
    return { fn, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** classifyInbound() at `rev`; its extracted copy is left in the temporary directory. */
export async function loadClassifierAt(root: string, rev: string): Promise<Classifier> {
  const { fn } = await loadExportAt(root, rev, 'src/core/keywords.ts', 'classifyInbound');
  return (text: string) => (fn as Classifier)(text);
}
