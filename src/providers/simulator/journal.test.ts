import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SendRequest } from '../provider.js';
import { openFileJournal } from './journal.js';
import { createSimulatorProvider } from './simulator.js';

const never = new AbortController().signal;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function journalFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sim-journal-'));
  dirs.push(dir);
  return join(dir, 'simulator-sent.jsonl');
}

const request = (to: string, messageId: string): SendRequest => ({
  messageId, accountSid: `AC${'b'.repeat(32)}`, from: '+15017122661', to, body: 'Acme: your appointment is tomorrow at 3pm. Reply STOP to opt out',
});

describe('the simulator journal', () => {
  it('a restarted simulator still answers for what the previous process accepted, with its final status', async () => {
    const file = journalFile();
    const first = createSimulatorProvider({ secret: 's', journal: openFileJournal(file) });
    const ok = await first.send(request('+12125550199', `SM${'1'.repeat(32)}`), never);
    const bad = await first.send(request('+12125550003', `SM${'2'.repeat(32)}`), never);
    expect(ok.kind).toBe('accepted');
    expect(bad.kind).toBe('accepted');
    // the process dies here, before any status callback
    const second = createSimulatorProvider({ secret: 's', journal: openFileJournal(file) });
    const sentAfter = new Date(0);
    expect(await second.findSent?.({ messageId: `SM${'1'.repeat(32)}`, from: '+15017122661', to: '+12125550199', body: '', sentAfter }, never))
      .toEqual({ kind: 'found', status: 'delivered', providerMessageId: ok.kind === 'accepted' ? ok.providerMessageId : '' });
    expect(await second.fetchStatus(bad.kind === 'accepted' ? bad.providerMessageId : '', never)).toEqual({ kind: 'found', status: 'undelivered', errorCode: '30003' });
    expect(second.acceptedFor(`SM${'1'.repeat(32)}`)).toHaveLength(1);
    expect(await second.findSent?.({ messageId: `SM${'3'.repeat(32)}`, from: '+15017122661', to: '+12125550199', body: '', sentAfter }, never)).toEqual({ kind: 'not_found' });
  });

  it('one JSON line per accepted send; a line torn by a kill mid-write is skipped', async () => {
    const file = journalFile();
    const sim = createSimulatorProvider({ secret: 's', journal: openFileJournal(file) });
    await sim.send(request('+12125550199', `SM${'4'.repeat(32)}`), never);
    await sim.send(request('+12125550001', `SM${'5'.repeat(32)}`), never); // rejected: not accepted, not journaled
    appendFileSync(file, '{"sid":"SMtorn');
    expect(readFileSync(file, 'utf8').split('\n').filter((l) => l !== '')).toHaveLength(2);
    expect(openFileJournal(file).load().map((r) => r.messageId)).toEqual([`SM${'4'.repeat(32)}`]);
  });
});
