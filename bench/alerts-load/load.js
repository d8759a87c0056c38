// Load tool for the regional alert push (issue 6). Not a test.
//
//   node load.js --url http://127.0.0.1:5080[,http://127.0.0.1:5081] --clients 20000 [--workers 2] [--user broadcaster]
//
// With several URLs (servers on one PostgreSQL) client i connects to URL i mod count; the alert is posted
// to the first, so clients of the others are reached through the LISTEN/NOTIFY fan-out.
//
// Opens N SignalR clients (split over worker processes) at known, seeded-random positions over Yinchuan,
// has each report its position, signs in as a broadcaster, posts ONE alert (a circle covering part of the
// clients) and measures, per client, the time from just before the POST to the arrival of the "alert"
// event. Inside/outside is decided here with the same great-circle formula the server uses, so the tool
// can say whether 100 % of those inside and 0 % of those outside were reached.
'use strict';
const { fork } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const EARTH_KM = 6371.0088;
const now = () => performance.timeOrigin + performance.now(); // wall clock in ms, sub-ms resolution

function args() {
  const a = { url: 'http://127.0.0.1:5080', clients: 1000, workers: 2, user: 'broadcaster', password: 'cm-demo-2026', seed: 42, account: 'wzyc' };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) a[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['clients', 'workers', 'seed']) a[k] = Number(a[k]);
  return a;
}

// mulberry32: a small seeded PRNG so that positions are the same on every run.
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function distanceKm(lat1, lon1, lat2, lon2) {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r, dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

// Clients over the built-up part of Yinchuan (西夏区 in the west to 兴庆区 in the east, 贺兰 to 永宁).
function positions(n, seed) {
  const random = rng(seed);
  return Array.from({ length: n }, () => ({ lat: 38.25 + random() * 0.35, lon: 106.05 + random() * 0.35 }));
}

// The alert: a 9 km circle around the old town, covering roughly a third of the clients.
const CIRCLE = { lat: 38.47, lon: 106.28, km: 9 };

function capTime(ms) {
  const d = new Date(ms + 8 * 3600e3);
  return d.toISOString().slice(0, 19) + '+08:00';
}

async function main() {
  const o = args();
  const all = positions(o.clients, o.seed);
  const inside = all.map(p => distanceKm(CIRCLE.lat, CIRCLE.lon, p.lat, p.lon) <= CIRCLE.km);
  const workers = [];
  const ready = [];
  const received = new Map(); // client index -> ms after T0
  let t0 = 0;
  const identifier = `bench-${Date.now()}`;
  for (let w = 0; w < o.workers; w++) {
    const indices = [];
    for (let i = w; i < o.clients; i += o.workers) indices.push(i);
    const child = fork(__filename, ['--worker'], { stdio: 'inherit' });
    workers.push(child);
    ready.push(new Promise((resolve, reject) => {
      child.on('message', m => {
        if (m.type === 'ready') resolve(m);
        else if (m.type === 'failed') reject(new Error(m.error));
        else if (m.type === 'alert' && m.identifier === identifier) received.set(m.index, m.at - t0);
      });
    }));
    const urls = o.url.split(',');
    child.send({ type: 'start', clients: indices.map(i => ({ index: i, url: urls[i % urls.length], ...all[i] })) });
  }
  const connectStart = now();
  const counts = await Promise.all(ready);
  const connectMs = now() - connectStart;
  console.error(`connected ${counts.reduce((s, c) => s + c.connected, 0)} clients in ${(connectMs / 1000).toFixed(1)} s`);

  const base = o.url.split(',')[0];
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: o.user, password: o.password }) });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const token = (await login.json()).accessToken;
  const sent = Date.now();
  const alert = {
    identifier, sender: o.account, sent: capTime(sent), status: 'Actual', msgType: 'Alert', scope: 'Public',
    info: [{
      language: 'zh-CN', category: ['Geo'], event: '地震', urgency: 'Immediate', severity: '红', certainty: 'Observed',
      expires: capTime(sent + 3600e3), headline: '银川市兴庆区发生M4.5地震（基准测试）',
      area: [{ areaDesc: '震中周边9公里', circle: [`${CIRCLE.lat},${CIRCLE.lon} ${CIRCLE.km}`] }],
    }],
  };
  // Warm-up: one alert far from every client, so the measured one does not pay for JIT and first queries.
  const warm = { ...alert, identifier: `${identifier}-warmup`, info: [{ ...alert.info[0], area: [{ areaDesc: '无人区', circle: ['37.70,106.60 0.1'] }] }] };
  const warmed = await fetch(`${base}/api/alerts?account=${o.account}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(warm) });
  if (warmed.status !== 201) throw new Error(`warm-up POST answered ${warmed.status}: ${await warmed.text()}`);
  await new Promise(r => setTimeout(r, 500));
  t0 = now();
  const post = await fetch(`${base}/api/alerts?account=${o.account}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(alert) });
  const postMs = now() - t0;
  if (post.status !== 201) throw new Error(`POST /api/alerts answered ${post.status}: ${await post.text()}`);

  const expected = inside.filter(Boolean).length;
  const deadline = now() + 30000;
  while (now() < deadline && [...received.keys()].filter(i => inside[i]).length < expected) await new Promise(r => setTimeout(r, 20));
  await new Promise(r => setTimeout(r, 1000)); // give stray deliveries to outsiders a chance to show up
  const insideGot = [...received.keys()].filter(i => inside[i]).length;
  const outsideGot = [...received.keys()].filter(i => !inside[i]).length;
  const lat = [...received.entries()].filter(([i]) => inside[i]).map(([, ms]) => ms).sort((a, b) => a - b);
  const pct = p => lat.length ? lat[Math.min(lat.length - 1, Math.max(0, Math.ceil(p * lat.length) - 1))] : NaN;
  const result = {
    clients: o.clients, inside: expected, outside: o.clients - expected,
    deliveredInsidePct: +(100 * insideGot / Math.max(1, expected)).toFixed(2), deliveredOutside: outsideGot,
    p50Ms: +pct(0.5).toFixed(1), p99Ms: +pct(0.99).toFixed(1), maxMs: +pct(1).toFixed(1), postMs: +postMs.toFixed(1),
    connectS: +(connectMs / 1000).toFixed(1),
  };
  console.log(JSON.stringify(result));
  for (const w of workers) w.send({ type: 'stop' });
  setTimeout(() => process.exit(0), 3000).unref();
}

async function worker() {
  const signalR = require('@microsoft/signalr');
  const connections = [];
  process.on('message', async m => {
    if (m.type === 'stop') {
      await Promise.allSettled(connections.map(c => c.stop()));
      process.exit(0);
    }
    if (m.type !== 'start') return;
    try {
      const batch = 200;
      for (let i = 0; i < m.clients.length; i += batch) {
        await Promise.all(m.clients.slice(i, i + batch).map(async c => {
          const connection = new signalR.HubConnectionBuilder()
            .withUrl(`${c.url}/hubs/alerts`, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
            .configureLogging(signalR.LogLevel.None)
            .build();
          connection.on('alert', a => process.send({ type: 'alert', index: c.index, identifier: a.identifier, at: now() }));
          await connection.start();
          await connection.invoke('ReportLocation', c.lat, c.lon);
          connections.push(connection);
        }));
      }
      process.send({ type: 'ready', connected: connections.length });
    } catch (e) {
      process.send({ type: 'failed', error: String(e && e.stack || e) });
    }
  });
}

if (process.argv.includes('--worker')) worker();
else main().catch(e => { console.error(e); process.exit(1); });
