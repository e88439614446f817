// A second client of the sync protocol (docs/sync.md), in plain Node — proof that the document
// is enough to implement it — and the resilience run built on it: used by `cargo xtask bench`
// (tests/bench/server.mjs, 10,000 filings) and by the test suite (tests/e2e/resilience.test.mjs,
// a reduced run).
import { createHash, randomUUID } from 'node:crypto';
import { startProxy } from '../e2e/proxy.mjs';
import { startServer, storedFilings } from '../e2e/support.mjs';

/** A valid ID number for person `n`, distinct for n < 7,300,000: Xuanwu, Nanjing, born on day
 * n / 1000 after 1 January 1980 (so of working age), sequence n % 1000. */
export function idNumber(n) {
  const born = new Date(Date.UTC(1980, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString();
  const body = `320102${born.slice(0, 10).replaceAll('-', '')}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

const stems = '甲乙丙丁戊己庚辛壬癸';

/** `n` registration filings, frozen as the app freezes them (a kind anyone may send: the
 * server receives each and says nothing of the person; none of these people is on record). */
export function filings(from, n) {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const draft = {
      name: '王' + stems[i % 10] + stems[Math.floor(i / 10) % 10], id_number: idNumber(i),
      mobile: '150' + String(i).padStart(8, '0'), email: '', agreed: true,
    };
    const payload = JSON.stringify(draft);
    return {
      client_id: randomUUID(), kind: 'personal_registration', payload,
      content_hash: createHash('sha256').update(payload).digest('hex'),
      attachments: [], version_of: null, created_at: Date.now(),
    };
  });
}

/** One device: sends its queue in batches of 20 until every item is accepted; a request with no
 * answer (or a 5xx) is simply sent again after a short pause — the server's idempotency does the
 * rest. Anything else (rejected, conflict) is a finding, counted as unexpected. */
export async function device(url, queue, stats) {
  const device_id = randomUUID();
  while (queue.length) {
    const batch = queue.slice(0, 20);
    let answer = null;
    try {
      const res = await fetch(url + '/api/sync', {
        method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ device_id, items: batch }), signal: AbortSignal.timeout(30_000),
      });
      if (res.ok) answer = await res.json();
    } catch { /* no answer: the same items go again */ }
    if (!answer) {
      stats.resent += 1;
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    for (const result of answer.results) {
      const k = queue.findIndex((i) => i.client_id === result.client_id);
      if (result.status === 'accepted') {
        stats.accepted += 1;
        stats.duplicateAnswers += result.duplicate ? 1 : 0;
        queue.splice(k, 1);
      } else if (result.status === 'retry') {
        // Not decided now: leave it queued.
      } else {
        stats.refused.push(result);
        queue.splice(k, 1);
      }
    }
  }
}

/**
 * `total` filings from `devices` devices through a proxy that drops 30 % of sync requests and
 * cuts 30 % of answers after the commit, the server SIGKILLed and restarted at each fraction of
 * `kills`. Returns what the server holds against what was sent.
 */
export async function resilienceRun({ total, devices = 8, kills = [1 / 3, 2 / 3], seed = 11 }) {
  let server = await startServer();
  const { dataDir, port } = server;
  const proxy = await startProxy(port);
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  proxy.setDecide((req) => {
    if (req.url !== '/api/sync') return 'pass';
    const r = random();
    return r < 0.3 ? 'drop' : r < 0.6 ? 'cut' : 'pass';
  });
  const all = filings(0, total);
  const per = Math.ceil(total / devices);
  const stats = { accepted: 0, resent: 0, duplicateAnswers: 0, refused: [] };
  const t0 = performance.now();
  let killed = 0;
  const killer = (async () => {
    for (const at of kills) {
      while (stats.accepted < at * total) await new Promise((r) => setTimeout(r, 20));
      server.child.kill('SIGKILL');
      await new Promise((r) => server.child.once('exit', r));
      killed += 1;
      await new Promise((r) => setTimeout(r, 500));
      server = await startServer({ port, dataDir });
    }
  })();
  await Promise.all(Array.from({ length: devices }, (_, d) => device(proxy.url, all.slice(d * per, (d + 1) * per), stats)));
  await killer;
  const seconds = (performance.now() - t0) / 1000;
  const rows = await storedFilings(server.url);
  const expected = new Map(all.map((i) => [i.client_id, i.content_hash]));
  const stored = new Set(rows.map((r) => r.client_id));
  await proxy.close();
  await server.stop();
  return {
    total, seconds, killed, dropped: proxy.stats.dropped, cut: proxy.stats.cut, originalReceipts: stats.duplicateAnswers,
    lost: all.filter((i) => !stored.has(i.client_id)).length,
    duplicated: rows.length - stored.size,
    unexpected: rows.filter((r) => expected.get(r.client_id) !== r.content_hash).length + stats.refused.length,
  };
}
