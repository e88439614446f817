// The reduced resilience run (the full one, 10,000 filings, is in `cargo xtask bench`): filings
// from several devices through a proxy that drops 30 % of sync requests and cuts 30 % of answers
// after the commit, the server SIGKILLed and restarted twice on the way. Every filing must be
// stored exactly once, as sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resilienceRun } from '../bench/protocol.mjs';

test('1,500 filings, drops, cuts and two SIGKILLs: 0 lost, 0 duplicated, 0 unexpected', async () => {
  const r = await resilienceRun({ total: 1500, devices: 4 });
  console.log(`resilience: ${r.total} filings in ${r.seconds.toFixed(1)} s; ${r.dropped} dropped, ${r.cut} cut, ${r.killed} SIGKILLs; lost ${r.lost}, duplicated ${r.duplicated}, unexpected ${r.unexpected}`);
  assert.equal(r.killed, 2, 'the server was killed twice');
  assert.ok(r.dropped > 0 && r.cut > 0, 'the faults really happened');
  assert.equal(r.lost, 0, 'lost');
  assert.equal(r.duplicated, 0, 'duplicated');
  assert.equal(r.unexpected, 0, 'unexpected');
});
