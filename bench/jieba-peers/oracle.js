'use strict';
// Oracle: reads UTF-8 lines on stdin, writes one JSON array of tokens per line.
// usage: node oracle.js [--engine node-rs|nodejieba] [--no-hmm] [--user-dict file]
const fs = require('fs');
const { loadNodeRs, loadNodejieba } = require('./peers');

const args = process.argv.slice(2);
const engineName = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : 'node-rs';
const hmm = !args.includes('--no-hmm');
const engine = engineName === 'nodejieba' ? loadNodejieba() : loadNodeRs();
if (!engine) { console.error('nodejieba is not built'); process.exit(2); }

const input = fs.readFileSync(0, 'utf8');
const lines = input.split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();
const out = [];
for (const line of lines) out.push(JSON.stringify(engine.cut(line, hmm)));
fs.writeFileSync(1, out.join('\n') + '\n');
