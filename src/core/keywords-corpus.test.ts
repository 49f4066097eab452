import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateCorpus, parseCorpus } from '../../scripts/keyword-eval.js';
import { classifyInbound } from './keywords.js';

// The corpus is read here, in the test: core itself never reads files.
const corpusPath = new URL('../../test/fixtures/inbound-replies.tsv', import.meta.url);
const rows = parseCorpus(readFileSync(corpusPath, 'utf8'));
const report = evaluateCorpus(rows);

describe('inbound corpus (test/fixtures/inbound-replies.tsv)', () => {
  it('is large and varied enough to mean something', () => {
    expect(rows.length).toBeGreaterThanOrEqual(220);
    expect(rows.filter((r) => r.label === 'opt_out_phrase').length).toBeGreaterThanOrEqual(50);
    expect(rows.filter((r) => r.label === 'none').length).toBeGreaterThanOrEqual(100);
    expect(new Set(rows.map((r) => r.text)).size).toBe(rows.length);
  });

  // Floors sit a little below the measured figures (docs/keywords.md): a regression fails here.
  it.each([
    ['opt_out_phrase precision', report.phrasePrecision, 0.97],
    ['opt_out_phrase recall', report.phraseRecall, 0.97],
    ['any opt-out recall', report.optOutRecall, 0.98],
    ['overall accuracy', report.accuracy, 0.98],
  ])('%s = %f ≥ %f', (_name, value, floor) => {
    expect(value).toBeGreaterThanOrEqual(floor);
  });

  const keywordRows = rows.filter((r) => r.label === 'opt_out' || r.label === 'opt_in' || r.label === 'help');
  it.each(keywordRows.map((r) => [r.line, r.label, r.text] as const))(
    'line %i: exact keyword row is %s: %j',
    (_line, label, text) => {
      const got = classifyInbound(text);
      expect(got.kind).toBe(label);
      expect(got.keyword).toMatch(/^[A-Z]+(?: [A-Z]+)?$/);
    },
  );
});

// Written by someone who had not seen the classifier or the corpus above, and never used to tune it:
// it measures how the phrase rules generalise. Do not add rules to fix its rows; write new ones.
describe('held-out corpus (test/fixtures/inbound-replies-holdout.tsv)', () => {
  const holdout = evaluateCorpus(parseCorpus(readFileSync(new URL('../../test/fixtures/inbound-replies-holdout.tsv', import.meta.url), 'utf8')));
  it.each([
    // No ordinary reply in the held-out set may read as an opt-out (docs/keywords.md §3).
    ['opt_out_phrase precision', holdout.phrasePrecision, 1],
    ['opt_out_phrase recall', holdout.phraseRecall, 0.93],
    ['any opt-out recall', holdout.optOutRecall, 0.95],
    ['any opt-out precision', holdout.optOutPrecision, 1],
  ])('%s = %f ≥ %f', (_name, value, floor) => {
    expect(value).toBeGreaterThanOrEqual(floor);
  });
});
