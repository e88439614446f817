// Server-side figures for `cargo xtask bench`, through the Node client of the sync protocol in
// protocol.mjs. Prints one JSON object per figure on stdout, like browser.mjs.
//
//   throughput   durable filings per second from several concurrent devices, on the embedded
//                SQLite store and on PostgreSQL (a fresh database on 127.0.0.1:5432, made with
//                psql; skipped with a note when none answers)
//   latency      200 devices syncing at once for 60 s: request latency p50/p95/p99 and errors
//   resilience   10,000 filings through a proxy that drops 30 % of requests and cuts 30 % of
//                answers after the commit, the server SIGKILLed and restarted twice on the way;
//                prints lost / duplicated / unexpected and exits non-zero unless all are 0.
import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { startServer } from '../e2e/support.mjs';
import { device, filings, resilienceRun } from './protocol.mjs';
import { out } from './figures.mjs';


/** A fresh PostgreSQL database for one run, and how to drop it; null when PostgreSQL is not there. */
function freshPostgres() {
  const admin = process.env.SHEBAO_BENCH_PG_ADMIN || 'postgres://postgres@127.0.0.1:5432/test';
  const name = `shebao_bench_${process.pid}_${Date.now()}`;
  try {
    execFileSync('psql', [admin, '-qc', `CREATE DATABASE ${name}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    console.error(`PostgreSQL figures skipped: cannot create a database through ${admin} (${String(e.stderr || e.message).trim()})`);
    return null;
  }
  const url = new URL(admin);
  url.pathname = '/' + name;
  return {
    url: url.toString(),
    drop: () => execFileSync('psql', [admin, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'ignore' }),
  };
}

async function throughput() {
  await throughputOn('SQLite', []);
  const pg = freshPostgres();
  if (!pg) return;
  try {
    await throughputOn('PostgreSQL', ['--database-url', pg.url, '--key', randomBytes(64).toString('hex')]);
  } finally {
    pg.drop();
  }
}

async function throughputOn(store, extra, total = 4000, devices = 4) {
  const server = await startServer({ extra });
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
  out(`ingest: durable filings/s, ${devices} devices × batches of 20 (${store})`, '1/s', rates, 1000, 'higher');
}

/** `clients` devices, each sending batches of 5 new filings back to back for `seconds`: the
 * latency of every request, and every request that did not end with all its items accepted. */
async function latency(clients = 200, seconds = 60) {
  const server = await startServer();
  const times = [];
  let errors = 0;
  let next = 0;
  const first = new Map();
  const until = performance.now() + seconds * 1000;
  const client = async () => {
    const device_id = randomUUID();
    while (performance.now() < until) {
      const items = filings(100_000 + next, 5);
      next += 5;
      const t0 = performance.now();
      try {
        const res = await fetch(server.url + '/api/sync', {
          method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ device_id, items }), signal: AbortSignal.timeout(30_000),
        });
        const answer = res.ok ? await res.json() : null;
        times.push(performance.now() - t0);
        const ok = answer && answer.results.length === 5 && answer.results.every((r) => r.status === 'accepted');
        if (!ok) {
          errors += 1;
          const what = answer ? JSON.stringify(answer.results.find((r) => r.status !== 'accepted')) : `HTTP ${res.status}`;
          first.set(what, (first.get(what) || 0) + 1);
        }
      } catch (e) {
        times.push(performance.now() - t0);
        errors += 1;
        first.set(e.name, (first.get(e.name) || 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  await server.stop();
  console.error(`latency: ${times.length} requests (${next} filings) from ${clients} devices in ${seconds} s; ${errors} errors${errors ? ' ' + JSON.stringify([...first].slice(0, 3)) : ''}`);
  out(`${clients} devices syncing for ${seconds} s: request latency`, 'ms', times, null);
  out(`${clients} devices syncing for ${seconds} s: errors`, 'requests', [errors], 0);
}

async function resilience(total = 10_000) {
  const r = await resilienceRun({ total });
  console.error(`resilience: ${r.total} filings in ${r.seconds.toFixed(1)} s; ${r.dropped} dropped, ${r.cut} cut after commit, ${r.killed} SIGKILLs; `
    + `${r.originalReceipts} original receipts re-sent; lost ${r.lost}, duplicated ${r.duplicated}, unexpected ${r.unexpected}`);
  out('resilience: 10,000 filings, 30 % dropped, 30 % cut, 2 SIGKILLs — lost', 'filings', [r.lost], 0);
  out('resilience: duplicated', 'filings', [r.duplicated], 0);
  out('resilience: unexpected (stored wrong or refused)', 'filings', [r.unexpected], 0);
  out('resilience: run time', 's', [r.seconds], null);
  if (r.lost || r.duplicated || r.unexpected) process.exitCode = 1;
}

const which = process.argv.slice(2);
const all = { throughput, latency, resilience };
for (const [name, run] of Object.entries(all)) {
  if (which.length && !which.includes(name)) continue;
  await run();
}
