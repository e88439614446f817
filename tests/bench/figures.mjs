// How a benchmark script reports a figure: one JSON object per line on stdout, which
// `cargo xtask bench` gathers into its table and target/bench/results.json.

const round = (x) => Math.round(x * 100) / 100;

/** Prints `values` as median / p95 / p99. `better`: 'lower' (times, bytes, counts: the goal is a
 * ceiling) or 'higher' (rates: the goal is a floor). */
export function out(name, unit, values, goal, better = 'lower') {
  const s = [...values].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
  console.log(JSON.stringify({ name, unit, median: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), n: s.length, goal, better }));
}
