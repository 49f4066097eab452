/**
 * Does one SQL text touch an account-owned table without constraining account_id? A lexical check
 * (no SQL parser in the project): good enough to catch a forgotten `account_id = $1`, not a proof.
 * Not EXPLAIN: it would plan every statement twice, cannot run in an aborted transaction, and a
 * plan shows a constraint the planner derived from a join on account_id as if it were written.
 *
 * How it decides, per statement (text split on top-level `;`, comments and literals removed first):
 * - Only data statements are checked (select, with, insert, update, delete, merge, truncate, and the
 *   statement under an explain); DDL and utility statements (create, alter, set, vacuum…) are not.
 * - A table is touched where its name stands as a whole identifier after from, join, update, using
 *   (delete … using), truncate or a comma of a from list (schema prefix dropped), with its alias.
 *   An insert's target is not counted: account_id is NOT NULL without a default in every such
 *   table, so each written row names its account; the rows an insert … select reads are counted.
 * - account_id "constrains" only inside a where, on, having or join-using clause, tracked per
 *   parenthesis level, so a mention in a select list, returning, set, group by or order by does not
 *   count. `x.account_id` covers the reference aliased x; a bare account_id covers every reference
 *   of its own query level (the statement, a subquery or a CTE body).
 * - `a.account_id = b.account_id` between two account-owned references only links them: a
 *   statement must also bind some account_id to something else (a parameter, `any($1)`, a
 *   subquery, an input row of unnest/values/a CTE), else it joins every account with every account.
 *   One binding anywhere in the statement counts for all its links.
 *
 * Limits, on purpose: it does not know which account_id a parameter holds, nor that the predicate
 * is an equality (`account_id <> $1` passes), nor SQL hidden in functions, triggers or views (a
 * view is checked like a table: its name must be scoped where it is read); two references with one
 * alias (or none, in two subqueries) share one coverage when qualified; a merge's target counts as an
 * insert's. At run time it sees only statements sent through the Db that createTestDb returns:
 * not those of processes a test spawns, nor a test's own fixture statements sent through
 * `TestDb.unscoped`; statements no suite runs are checked from the source (written-sql.ts), except
 * the parts of a statement assembled at run time from values the source does not hold.
 */

export interface ScopeViolation {
  /** The account-owned tables (as written, by alias) this statement reads or changes unscoped. */
  tables: string[];
  /** Why: no account_id predicate for those tables, or account_id only ever equated across tables. */
  why: 'unscoped' | 'only-joined';
  /** The offending statement, whitespace collapsed. */
  statement: string;
}

const DATA_STATEMENTS = new Set(['select', 'with', 'insert', 'update', 'delete', 'merge', 'truncate', 'values', 'table']);
const PREDICATE_CLAUSES = new Set(['where', 'on', 'having', 'join-using']);
/** Words after a table name that are not its alias. */
const NOT_ALIAS = new Set([
  'where', 'join', 'inner', 'left', 'right', 'full', 'cross', 'natural', 'on', 'using', 'group', 'order', 'limit', 'offset',
  'set', 'returning', 'for', 'union', 'except', 'intersect', 'window', 'having', 'select', 'values', 'default', 'lateral',
  'tablesample', 'only', 'do', 'when', 'then', 'as', 'fetch', 'and', 'or', 'overriding',
]);
const CLAUSE_WORDS = new Set([
  'select', 'from', 'join', 'where', 'having', 'group', 'order', 'limit', 'offset', 'returning', 'set', 'values', 'into',
  'window', 'union', 'except', 'intersect', 'truncate',
]);

/** Removes comments and the contents of string literals, dollar-quoted bodies and quoted identifiers' quotes. */
function blankLiterals(sql: string): string {
  return sql
    .replace(/\$([a-z_]*)\$[\s\S]*?\$\1\$/gi, "''")
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/[eE]?'(?:[^']|'')*'/g, "''")
    .replace(/"((?:[^"]|"")*)"/g, (_m, id: string) => id.replace(/""/g, '"'));
}

const TOKEN = /\$\d+|[a-z_][a-z0-9_$]*(?:\s*\.\s*(?:[a-z_][a-z0-9_$]*|\*))*|''|::|<>|!=|<=|>=|[(),;=]|\S/g;

function tokenize(sql: string): string[] {
  return (blankLiterals(sql).toLowerCase().match(TOKEN) ?? []).map((t) => t.replace(/\s+/g, ''));
}

function isIdentifier(t: string | undefined): t is string {
  return t !== undefined && /^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)*$/.test(t);
}

/** Splits tokens into statements at top-level semicolons. */
function statements(tokens: readonly string[]): string[][] {
  const out: string[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t === '(') depth++;
    if (t === ')') depth--;
    if (t === ';' && depth === 0) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((s) => s.length > 0);
}

/** Drops `explain [analyze] [verbose] [(options)]` so the statement it runs is checked. */
function unwrapExplain(s: readonly string[]): readonly string[] {
  let i = 0;
  if (s[i] !== 'explain') return s;
  i++;
  while (s[i] === 'analyze' || s[i] === 'verbose') i++;
  if (s[i] === '(') {
    let depth = 0;
    do {
      if (s[i] === '(') depth++;
      if (s[i] === ')') depth--;
      i++;
    } while (depth > 0 && i < s.length);
  }
  return s.slice(i);
}

interface Ref { table: string; alias: string; level: number }

/** The query level (main statement, each subquery or CTE body) of every token: a bare column resolves within its own level. */
function levels(s: readonly string[]): number[] {
  const out: number[] = [];
  const stack = [0];
  let next = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') stack.push(s[i + 1] === 'select' || s[i + 1] === 'with' || s[i + 1] === 'values' ? ++next : stack[stack.length - 1]!);
    out.push(stack[stack.length - 1]!);
    if (s[i] === ')') stack.pop();
  }
  return out;
}

/** The account-owned tables a statement reads or changes (not an insert's target), by alias. */
function references(s: readonly string[], owned: ReadonlySet<string>, level: readonly number[]): Ref[] {
  const refs: Ref[] = [];
  const clause: string[] = ['start'];
  for (let i = 0; i < s.length; i++) {
    const t = s[i]!;
    const prev = s[i - 1];
    if (t === '(') { clause.push(clause[clause.length - 1]!); continue; }
    if (t === ')') { clause.pop(); continue; }
    let atRef = false;
    if (t === 'from' && prev === 'distinct') continue; // is [not] distinct from
    if (t === 'from' || t === 'join' || t === 'truncate') { clause[clause.length - 1] = 'from'; atRef = true; }
    else if (t === 'update' && prev !== 'for' && prev !== 'key' && prev !== 'do') { clause[clause.length - 1] = 'from'; atRef = true; }
    else if (t === 'using' && s[i + 1] !== '(') { clause[clause.length - 1] = 'from'; atRef = true; }
    else if (t === 'into') { clause[clause.length - 1] = 'into'; continue; }
    else if (t === ',' && clause[clause.length - 1] === 'from') atRef = true;
    else if (CLAUSE_WORDS.has(t)) { clause[clause.length - 1] = t; continue; }
    if (!atRef) continue;
    let j = i + 1;
    while (s[j] === 'only' || s[j] === 'table' || s[j] === 'lateral') j++;
    const name = s[j];
    if (!isIdentifier(name) || s[j + 1] === '(') continue;
    const table = name.slice(name.lastIndexOf('.') + 1);
    if (!owned.has(table)) continue;
    let k = j + 1;
    if (s[k] === 'as') k++;
    const next = s[k];
    const alias = isIdentifier(next) && !next.includes('.') && !NOT_ALIAS.has(next) ? next : table;
    refs.push({ table, alias, level: level[j]! });
  }
  return refs;
}

function qualifier(t: string): string | null | undefined {
  if (t === 'account_id') return null;
  if (t.endsWith('.account_id')) return t.slice(0, -'.account_id'.length).split('.').pop();
  return undefined;
}

/** Checks one statement's tokens; null when it is not a data statement or is scoped. */
function checkStatement(raw: readonly string[], owned: ReadonlySet<string>): Omit<ScopeViolation, 'statement'> | null {
  const s = unwrapExplain(raw);
  if (!DATA_STATEMENTS.has(s[0] ?? '')) return null;
  const level = levels(s);
  const refs = references(s, owned, level);
  if (refs.length === 0) return null;
  const aliases = new Set(refs.map((r) => r.alias));
  const covered = new Set<string>();
  /** Query levels with a bare account_id in a predicate: it covers every reference of that level. */
  const bare = new Set<number>();
  let anchored = false;
  const clause: string[] = ['start'];
  for (let i = 0; i < s.length; i++) {
    const t = s[i]!;
    if (t === '(') { clause.push(clause[clause.length - 1]!); continue; }
    if (t === ')') { clause.pop(); continue; }
    if ((t === 'from' && s[i - 1] === 'distinct') || (t === 'on' && s[i - 1] === 'distinct')) continue; // is distinct from, distinct on
    if (t === 'on' && s[i + 1] === 'conflict') { clause[clause.length - 1] = 'conflict'; continue; }
    if (t === 'using' && s[i + 1] === '(') { clause[clause.length - 1] = 'join-using'; continue; }
    if (t === 'where' || t === 'on' || t === 'having' || t === 'join' || CLAUSE_WORDS.has(t)) { clause[clause.length - 1] = t; continue; }
    const q = qualifier(t);
    if (q === undefined || !PREDICATE_CLAUSES.has(clause[clause.length - 1]!)) continue;
    if (clause[clause.length - 1] === 'join-using') { bare.add(level[i]!); continue; } // a link between the two sides
    const other = s[i + 1] === '=' ? qualifier(s[i + 2] ?? '') : undefined;
    const isRef = (x: string | null | undefined) => x === null || (x !== undefined && aliases.has(x));
    if (q === null) bare.add(level[i]!);
    else covered.add(q);
    if (other !== undefined) {
      if (other === null) bare.add(level[i]!);
      else covered.add(other);
      // account-owned on both sides: a link, not a binding (unless one side is not one of ours)
      if (!(isRef(q) && isRef(other))) anchored = true;
      i += 2;
      continue;
    }
    anchored = true;
  }
  const uncovered = refs.filter((r) => !covered.has(r.alias) && !bare.has(r.level)).map((r) => (r.alias === r.table ? r.table : `${r.table} ${r.alias}`));
  if (uncovered.length > 0) return { tables: [...new Set(uncovered)], why: 'unscoped' };
  if (!anchored) return { tables: [...new Set(refs.map((r) => r.table))], why: 'only-joined' };
  return null;
}

/** Whitespace collapsed, lowercase: the form allowlist patterns match against. */
export function normaliseSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Every statement of `sql` that touches a table of `owned` without constraining account_id. */
export function findUnscoped(sql: string, owned: ReadonlySet<string>): ScopeViolation[] {
  const out: ScopeViolation[] = [];
  for (const s of statements(tokenize(sql))) {
    const v = checkStatement(s, owned);
    if (v !== null) out.push({ ...v, statement: normaliseSql(sql) });
  }
  return out;
}
