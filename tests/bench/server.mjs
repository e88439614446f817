// Server-side figures for `cargo xtask bench`, with a second client of the sync protocol
// (docs/sync.md) written in plain Node — proof that the document is enough to implement it.
// Prints one JSON object per figure on stdout, like browser.mjs.
//
//   throughput   durable filings per second from several concurrent devices (embedded SQLite)
//   resilience   10,000 filings through a proxy that drops 30 % of requests and cuts 30 % of
//                answers after the commit, the server SIGKILLed and restarted twice on the way;
//                prints lost / duplicated / unexpected and exits non-zero unless all are 0.
import { createHash, randomUUID } from 'node:crypto';
import { startProxy } from '../e2e/proxy.mjs';
import { startServer, storedFilings, thisMonth } from '../e2e/support.mjs';

const out = (name, unit, values, goal) => {
  const s = [...values].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
  const round = (x) => Math.round(x * 100) / 100;
  console.log(JSON.stringify({ name, unit, median: round(at(0.5)), p95: round(at(0.95)), n: s.length, goal }));
};

/** A valid ID number for person `n` (distinct for n < 1000 × 28 days): Xuanwu, Nanjing, born in
 * February 1985 (day from n / 1000), sequence n % 1000. */
function idNumber(n) {
  const day = String(1 + Math.floor(n / 1000)).padStart(2, '0');
  const body = `320102198502${day}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

const stems = '甲乙丙丁戊己庚辛壬癸';

/** `n` enrolment filings, frozen as the app freezes them. */
function filings(from, n) {
  const month = thisMonth();
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const draft = {
      id_number: idNumber(i), name: '王' + stems[i % 10] + stems[Math.floor(i / 10) % 10], mobile: '', card_number: '',
      region: '320102', start_month: month, monthly_base: '6000', insurances: ['pension', 'medical'],
    };
    const payload = JSON.stringify(draft);
    return {
      client_id: randomUUID(), kind: 'enrolment', payload,
      content_hash: createHash('sha256').update(payload).digest('hex'),
      attachments: [], version_of: null, created_at: Date.now(),
    };
  });
}

/** One device: sends its queue in batches of 20 until every item is accepted; a request with no
 * answer (or a 5xx) is simply sent again after a short pause — the server's idempotency does the
 * rest. Anything else (rejected, conflict) is a finding, counted as unexpected. */
async function device(url, queue, stats) {
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

async function throughput(total = 4000, devices = 4) {
  const server = await startServer();
  const rates = [];
  for (let run = 0; run < 3; run++) {
    const all = filings(run * total, total);
    const per = Math.ceil(total / devices);
    const stats = { accepted: 0, resent: 0, duplicateAnswers: 0, refused: [] };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: devices }, (_, d) => device(server.url, all.slice(d * per, (d + 1) * per), stats)));
    const seconds = (performance.now() - t0) / 1000;
    if (stats.refused.length) throw new Error(`throughput: refused ${JSON.stringify(stats.refused[0])}`);
    rates.push(stats.accepted / seconds);
  }
  await server.stop();
  out(`ingest: durable filings/s, ${devices} devices × batches of 20 (SQLite)`, '1/s', rates, null);
}

async function resilience(total = 10_000, devices = 8) {
  let server = await startServer();
  const { dataDir, port } = server;
  const proxy = await startProxy(port);
  let seed = 11;
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
  let kills = 0;
  const killer = (async () => {
    for (const at of [total / 3, (2 * total) / 3]) {
      while (stats.accepted < at) await new Promise((r) => setTimeout(r, 20));
      server.child.kill('SIGKILL');
      await new Promise((r) => server.child.once('exit', r));
      kills += 1;
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
  const lost = all.filter((i) => !stored.has(i.client_id)).length;
  const duplicated = rows.length - stored.size;
  const unexpected = rows.filter((r) => expected.get(r.client_id) !== r.content_hash).length + stats.refused.length;
  await proxy.close();
  await server.stop();
  console.error(`resilience: ${total} filings in ${seconds.toFixed(1)} s; ${proxy.stats.dropped} dropped, ${proxy.stats.cut} cut after commit, ${kills} SIGKILLs; `
    + `${stats.duplicateAnswers} original receipts re-sent; lost ${lost}, duplicated ${duplicated}, unexpected ${unexpected}`);
  out('resilience: 10,000 filings, 30 % dropped, 30 % cut, 2 SIGKILLs — lost', 'filings', [lost], 0);
  out('resilience: duplicated', 'filings', [duplicated], 0);
  out('resilience: unexpected (stored wrong or refused)', 'filings', [unexpected], 0);
  out('resilience: run time', 's', [seconds], null);
  if (lost || duplicated || unexpected) process.exitCode = 1;
}

const which = process.argv.slice(2);
const all = { throughput, resilience };
for (const [name, run] of Object.entries(all)) {
  if (which.length && !which.includes(name)) continue;
  await run();
}
