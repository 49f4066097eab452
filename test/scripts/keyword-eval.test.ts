import { describe, expect, it } from 'vitest';
import { defaultBaseline, gitRoot, loadClassifierAt, loadExportAt } from '../../scripts/previous-rules.js';
import { evaluateCorpus, formatComparison, parseCorpus } from '../../scripts/keyword-eval.js';
import { checkContent } from '../../src/core/content/index.js';
import { classifyInbound } from '../../src/core/keywords.js';

// `npm run eval:keywords` prints the rules of a baseline revision beside the current ones.
const root = gitRoot(process.cwd());

describe.skipIf(root === undefined)('keyword-eval baseline (needs git)', () => {
  it('loads classifyInbound() as committed at a revision and runs it', async () => {
    const atHead = await loadClassifierAt(root ?? '', 'HEAD');
    expect(atHead('STOP')).toEqual(classifyInbound('STOP'));
    expect(atHead('TD Bank')).toEqual({ kind: 'none' });
  });

  it('loads checkContent() at a revision the same way, for bench:content', async () => {
    const { fn, cleanup } = await loadExportAt(root ?? '', 'HEAD', 'src/core/content/index.ts', 'checkContent');
    try {
      const text = 'Acme Realty: your showing is confirmed for 3pm. Reply STOP to opt out.';
      expect((fn as typeof checkContent)(text)).toEqual(checkContent(text));
    } finally {
      cleanup();
    }
  });

  it('defaults to the commit before the last change of the rules', () => {
    expect(defaultBaseline(root ?? '')).toMatch(/^[0-9a-f]{7,}$/);
  });

  it('rejects a revision git does not know', async () => {
    await expect(loadClassifierAt(root ?? '', 'no-such-revision-xyz')).rejects.toThrow();
  });
});

describe('formatComparison', () => {
  it('puts old and new figures side by side and lists rows that became wrong', () => {
    const rows = parseCorpus('label\ttext\nopt_out\tSTOP\nnone\tsee you at 5\n');
    const current = evaluateCorpus(rows);
    const old = evaluateCorpus(rows, () => ({ kind: 'none' }));
    const broken = evaluateCorpus(rows, () => ({ kind: 'opt_out', keyword: 'STOP' }));
    const text = formatComparison('abc1234', [{ name: 'c', old, current }, { name: 'd', old: current, current: broken }]);
    expect(text).toContain('| c (2) | any opt-out recall | 0.0% | 100.0% |');
    expect(text).toContain('c: 1 rows fixed, 0 rows newly wrong.');
    expect(text).toContain('- line 3 (none → opt_out): see you at 5');
  });
});
