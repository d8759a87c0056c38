'use strict';
// Peer speed: one cut(line, hmm) call per line, single thread, over a file repeated N times.
// usage: node speed.js <file> [--repeat 10] [--rounds 3] [--no-hmm]   → one JSON line per peer on stdout
const fs = require('fs');
const { loadNodeRs, loadNodejieba } = require('./peers');

const args = process.argv.slice(2);
const file = args[0];
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 10;
const hmm = !args.includes('--no-hmm');
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 3;
const lines = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.length > 0);
const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l, 'utf8'), 0) * repeat;

for (const load of [loadNodeRs, loadNodejieba]) {
  const t0 = process.hrtime.bigint();
  const engine = load();
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!engine) { console.log(JSON.stringify({ peer: 'nodejieba 3.5.8', error: 'not built' })); continue; }
  for (let i = 0; i < 200; i++) engine.cut(lines[i % lines.length], hmm); // warm-up
  let tokens = 0;
  const times = [];
  for (let round = 0; round < rounds; round++) {
    tokens = 0;
    const start = process.hrtime.bigint();
    for (let r = 0; r < repeat; r++) for (const line of lines) tokens += engine.cut(line, hmm).length;
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  const seconds = times[Math.floor(times.length / 2)]; // median round
  console.log(JSON.stringify({ peer: engine.name, bytes, seconds, mbPerSec: bytes / 1e6 / seconds, tokens, loadMs }));
}
