import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// End-to-end through the built package, as a user runs it (`npm test` builds first).
const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(`${root}/dist/cli/main.js`);

function clearsend(args: string[], input?: string) {
  return spawnSync(process.execPath, ['bin/clearsend.js', ...args], { cwd: root, input: input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe.runIf(built)('the built clearsend binary', () => {
  it('runs the Quick start example: exit 1 with the findings, no colour off a terminal', () => {
    const run = clearsend(['lint', '--first', '--brand', 'Acme Realty', 'Hi Dana, open house Sat!!! https://bit.ly/x']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/content\.url_shortener/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('exits 2 with one line and no stack trace on bad JSON', () => {
    const run = clearsend(['evaluate'], '{oops');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^clearsend: the request on stdin is not valid JSON/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exports the library API from the package root', () => {
    const script = "const c = await import('clearsend'); console.log(['evaluate','countSegments','classifyInbound','lintMessage','lintOptIn','parsePhone'].map((n) => typeof c[n]).join(','))";
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('function,function,function,function,function,function');
  });
});

describe('the test setup', () => {
  it('has built the package (npm test runs the build first)', () => {
    expect(built).toBe(true);
  });
});
