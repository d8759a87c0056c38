import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import '../shared/screen.css';
import { api, optional } from '../shared/api.js';
import { connectHub } from '../shared/hub.js';
import { loadDirectory } from '../shared/directory.js';
import { loadRegions } from '../shared/map.js';
import { hasRole, me } from '../shared/session.js';
import { ACTION, STATE } from '../shared/i18n.js';
import { clock, countdown, dateTime, escapeHtml, percent } from '../shared/format.js';

echarts.use([LineChart, BarChart, MapChart, GridComponent, TooltipComponent, LegendComponent, GeoComponent, VisualMapComponent, CanvasRenderer]);

// The supervisors' big screen at 1920×1080. Its figures come from the metrics API (issue 5):
// /api/metrics/tiles, /api/metrics/trend, /api/metrics/breakdown, /api/rankings, /api/surges and the hub
// /hubs/dashboard. Each box shows "暂无数据" while its endpoint answers 404, so the page works before they land.
const NO_DATA = '暂无数据';
const EVENT_NAMES = {
  'case.created': '新受理', 'case.forwarded': '转办', 'case.closed': '办结', 'case.changed': '案件更新', 'case.supervised': '督办',
  'sla.warning': '临期预警', 'sla.breach': '超期', 'surge.alert': '热点预警', 'metrics.tiles': '指标更新',
};
const TILES = [
  { key: 'intake', name: '今日受理', keys: ['todayReceived', 'receivedToday', 'intakeToday', 'today', 'received'] },
  { key: 'open', name: '办理中', keys: ['open', 'openNow', 'casesOpen'] },
  { key: 'overdue', name: '当前超期', keys: ['overdueNow', 'overdue'], bad: true },
  { key: 'closedRate', name: '办结率', keys: ['closedRate', 'closureRate', 'closeRate'], rate: true },
  { key: 'onTimeRate', name: '按时办结率', keys: ['closedOnTimeRate', 'onTimeClosedRate', 'onTimeRate', 'closedInTimeRate'], rate: true },
  { key: 'satisfactionRate', name: '满意率', keys: ['satisfactionRate', 'satisfiedRate'], rate: true },
];
const RANK_KINDS = [['district', '区县'], ['street', '街道'], ['bureau', '部门']];

const user = me();
if (!user) location.assign(`/?next=${encodeURIComponent(location.pathname)}`);
else if (!hasRole(user, 'supervisor', 'admin')) {
  document.getElementById('app').innerHTML = '<p style="padding:2em">数据大屏仅供督办人员使用。<a href="/">返回</a></p>';
} else start();

function pick(object, keys) {
  for (const k of keys) if (object && object[k] !== undefined && object[k] !== null) return object[k];
  return undefined;
}

function asRate(value) {
  if (value === undefined || value === null) return null;
  return value > 1 ? value / 100 : value;
}

function today() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

function daysAgo(n) {
  return new Date(Date.now() + 8 * 3600 * 1000 - n * 86400000).toISOString().slice(0, 10);
}

async function start() {
  document.body.classList.add('screen');
  const app = document.getElementById('app');
  app.innerHTML = `
    <div id="stage" data-testid="screen">
      <header class="s-head">
        <h1>问政银川 · 城市治理数据大屏</h1>
        <div class="meta">
          <span data-testid="live-status">○ 连接中</span>
          <span data-testid="clock"></span>
          <span>${escapeHtml(user.name)}</span>
          <a href="/">返回</a>
        </div>
      </header>
      <section class="tiles" data-testid="tiles">
        ${TILES.map((t) => `<div class="tile" data-tile="${t.key}" data-testid="tile-${t.key}"><span class="name">${t.name}</span><span class="value nodata">${NO_DATA}</span></div>`).join('')}
      </section>
      <section class="s-body">
        <div class="s-col" style="grid-template-rows: 1fr 1fr">
          <div class="s-box" data-testid="trend"><h2>受理与办结趋势 <small>近 30 天</small></h2><div class="chart"></div></div>
          <div class="s-box" data-testid="by-topic"><h2>主题分布 <small>本月</small></h2><div class="chart"></div></div>
        </div>
        <div class="s-col" style="grid-template-rows: 1.6fr 1fr">
          <div class="s-box" data-testid="map"><h2>区县办理中案件 <small>点击区县查看案件</small></h2><div class="chart"></div></div>
          <div class="s-box" data-testid="by-district"><h2>区县受理 / 办理中 / 超期 <small>本月</small></h2><div class="chart"></div></div>
        </div>
        <div class="s-col" style="grid-template-rows: 1.5fr 1fr">
          <div class="s-box" data-testid="rankings">
            <h2>月度排名 <span class="tabs">${RANK_KINDS.map(([k, n], i) => `<button data-kind="${k}" class="${i === 0 ? 'on' : ''}">${n}</button>`).join('')}</span></h2>
            <div class="body" style="overflow:auto;flex:1"></div>
          </div>
          <div class="s-box" data-testid="surges"><h2>热点预警 <small>今日</small></h2><div class="body" style="overflow:auto;flex:1"></div></div>
        </div>
      </section>
      <footer class="ticker" data-testid="ticker"><span>实时动态</span><span class="events"></span></footer>
    </div>`;
  const stage = app.querySelector('#stage');
  const fit = () => { stage.style.transform = `scale(${Math.min(innerWidth / 1920, innerHeight / 1080)})`; };
  addEventListener('resize', fit);
  fit();
  const clockNode = stage.querySelector('[data-testid=clock]');
  setInterval(() => { clockNode.textContent = dateTime(new Date()) + ' ' + clock(new Date()).slice(-2); }, 1000);

  const [dir, geo] = await Promise.all([loadDirectory(), loadRegions()]);
  const districts = geo.features.filter((f) => f.properties.level === 'district');
  echarts.registerMap('yinchuan', { type: 'FeatureCollection', features: districts.map((f) => ({ ...f, properties: { ...f.properties, name: f.properties.name } })) });
  const charts = {};
  const chartIn = (name) => {
    const box = stage.querySelector(`[data-testid=${name}]`);
    let node = box.querySelector('.chart');
    if (!node) {
      box.querySelector('.nodata')?.remove();
      node = document.createElement('div');
      node.className = 'chart';
      box.appendChild(node);
    }
    charts[name] ??= echarts.init(node, null, { renderer: 'canvas' });
    return charts[name];
  };
  const noData = (name, text = NO_DATA) => {
    const box = stage.querySelector(`[data-testid=${name}]`);
    charts[name]?.dispose();
    delete charts[name];
    box.querySelector('.chart')?.remove();
    if (!box.querySelector('.nodata')) box.insertAdjacentHTML('beforeend', `<div class="nodata" data-testid="${name}-nodata">${text}</div>`);
  };
  const axis = { axisLine: { lineStyle: { color: '#1d4b8f' } }, axisLabel: { color: '#8fb4ea', fontSize: 13 }, splitLine: { lineStyle: { color: 'rgba(29,75,143,.35)' } } };
  const monthStart = `${today().slice(0, 8)}01`;

  // ---- Tiles
  let tiles = null;
  function renderTiles(data) {
    tiles = data;
    for (const t of TILES) {
      const node = stage.querySelector(`[data-tile=${t.key}] .value`);
      const raw = data ? pick(data, t.keys) : undefined;
      if (raw === undefined) {
        node.className = 'value nodata';
        node.textContent = NO_DATA;
        continue;
      }
      node.className = `value${t.bad && raw > 0 ? ' bad' : ''}`;
      node.textContent = t.rate ? percent(asRate(raw)) : Number(raw).toLocaleString('zh-CN');
    }
  }
  async function loadTiles() {
    renderTiles(await optional('/api/metrics/tiles').catch(() => null));
  }

  // ---- Trend
  async function loadTrend() {
    const rows = await optional(`/api/metrics/trend?from=${daysAgo(29)}&to=${today()}`).catch(() => null);
    if (!Array.isArray(rows) || rows.length === 0) return noData('trend');
    chartIn('trend').setOption({
      tooltip: { trigger: 'axis' }, legend: { textStyle: { color: '#8fb4ea' }, top: 0 },
      grid: { left: 44, right: 16, top: 30, bottom: 28 },
      xAxis: { type: 'category', data: rows.map((r) => String(r.day).slice(5, 10)), ...axis },
      yAxis: { type: 'value', ...axis },
      series: [
        { name: '受理', type: 'line', smooth: true, data: rows.map((r) => r.received), areaStyle: { opacity: 0.15 }, itemStyle: { color: '#4ea1ff' } },
        { name: '办结', type: 'line', smooth: true, data: rows.map((r) => r.closed), areaStyle: { opacity: 0.15 }, itemStyle: { color: '#3ddc97' } },
      ],
    });
  }

  // ---- Breakdown by district (bar and map) and by topic
  let byDistrict = [];
  async function loadBreakdown() {
    const [district, topic] = await Promise.all([
      optional(`/api/metrics/breakdown?from=${monthStart}&to=${today()}&by=district`).catch(() => null),
      optional(`/api/metrics/breakdown?from=${monthStart}&to=${today()}&by=topic`).catch(() => null),
    ]);
    byDistrict = Array.isArray(district) ? district : [];
    if (!byDistrict.length) {
      noData('by-district');
      noData('map', NO_DATA);
    } else {
      const names = byDistrict.map((r) => r.name ?? dir.regionName(r.key));
      chartIn('by-district').setOption({
        tooltip: { trigger: 'axis' }, legend: { textStyle: { color: '#8fb4ea' }, top: 0 },
        grid: { left: 44, right: 16, top: 30, bottom: 28 },
        xAxis: { type: 'category', data: names, ...axis }, yAxis: { type: 'value', ...axis },
        series: [
          { name: '受理', type: 'bar', data: byDistrict.map((r) => r.received), itemStyle: { color: '#4ea1ff' } },
          { name: '办理中', type: 'bar', data: byDistrict.map((r) => r.open), itemStyle: { color: '#ffd27a' } },
          { name: '超期', type: 'bar', data: byDistrict.map((r) => r.overdue), itemStyle: { color: '#ff6b6b' } },
        ],
      });
      const map = chartIn('map');
      const max = Math.max(1, ...byDistrict.map((r) => r.open ?? 0));
      map.setOption({
        tooltip: { trigger: 'item', formatter: (p) => `${p.name}<br>办理中 ${p.value ?? 0} 件` },
        visualMap: { min: 0, max, left: 10, bottom: 10, text: ['多', '少'], textStyle: { color: '#8fb4ea' }, inRange: { color: ['#1b3f7a', '#ffd27a', '#ff6b6b'] }, calculable: true },
        series: [{ type: 'map', map: 'yinchuan', roam: false, label: { show: true, color: '#fff', fontSize: 14 },
          itemStyle: { borderColor: '#4ea1ff', areaColor: '#12305f' }, emphasis: { label: { color: '#fff' }, itemStyle: { areaColor: '#2f6fd6' } },
          data: byDistrict.map((r) => ({ name: r.name ?? dir.regionName(r.key), value: r.open ?? 0, code: r.key })) }],
      });
      map.off('click');
      map.on('click', (p) => drillRegion(p.data?.code ?? districts.find((f) => f.properties.name === p.name)?.properties.code, p.name));
    }
    const topics = Array.isArray(topic) ? topic.slice().sort((a, b) => (b.received ?? 0) - (a.received ?? 0)).slice(0, 10) : [];
    if (!topics.length) return noData('by-topic');
    chartIn('by-topic').setOption({
      tooltip: { trigger: 'axis' }, grid: { left: 100, right: 24, top: 10, bottom: 24 },
      xAxis: { type: 'value', ...axis }, yAxis: { type: 'category', inverse: true, data: topics.map((r) => r.name ?? r.key), ...axis },
      series: [{ name: '受理', type: 'bar', data: topics.map((r) => r.received), itemStyle: { color: '#4ea1ff' }, label: { show: true, position: 'right', color: '#d8e6ff' } }],
    });
  }

  // ---- Rankings with movement
  let rankKind = 'district';
  let rankRows = [];
  async function loadRankings() {
    const box = stage.querySelector('[data-testid=rankings] .body');
    const data = await optional(`/api/rankings?month=${today().slice(0, 7)}&kind=${rankKind}`).catch(() => null);
    rankRows = data?.rows ?? [];
    if (!rankRows.length) {
      box.innerHTML = `<div class="nodata" data-testid="rankings-nodata">${NO_DATA}</div>`;
      return;
    }
    const move = (r) => {
      const m = r.movement ?? (r.previousRank ? r.previousRank - r.rank : null);
      if (m === null || m === undefined) return '<span class="same">新</span>';
      return m > 0 ? `<span class="down">▲${m}</span>` : m < 0 ? `<span class="up">▼${-m}</span>` : '<span class="same">—</span>';
    };
    box.innerHTML = `<table><thead><tr><th>名次</th><th>单位</th><th>得分</th><th>响应率</th><th>解决率</th><th>满意率</th><th>变化</th></tr></thead><tbody>
      ${rankRows.map((r) => `<tr class="click" data-account="${escapeHtml(r.accountId)}" data-testid="ranking-row"><td>${r.rank}</td><td>${escapeHtml(r.name ?? dir.accountName(r.accountId))}</td>
        <td>${Number(r.score).toFixed(1)}</td><td>${percent(asRate(r.responseRate))}</td><td>${percent(asRate(r.solvedRate))}</td><td>${percent(asRate(r.satisfactionRate))}</td><td>${move(r)}</td></tr>`).join('')}
      </tbody></table>`;
    for (const row of box.querySelectorAll('[data-account]')) row.addEventListener('click', () => drillAccount(row.dataset.account));
  }
  for (const b of stage.querySelectorAll('[data-kind]')) {
    b.addEventListener('click', () => {
      rankKind = b.dataset.kind;
      for (const other of stage.querySelectorAll('[data-kind]')) other.classList.toggle('on', other === b);
      loadRankings();
    });
  }

  // ---- Surges
  let surges = [];
  function surgeLine(s) {
    const region = s.regionName ?? dir.regionName(s.regionCode ?? s.region);
    const baseline = s.baseline ?? s.historicalMax ?? s.expected;
    return `<div class="surge" data-testid="surge">${escapeHtml(region)} · <b>${escapeHtml(s.topic ?? s.category ?? '')}</b> 今日 ${s.count ?? '?'} 件${baseline !== undefined ? `（基线 ${typeof baseline === 'number' ? baseline.toFixed(1) : escapeHtml(String(baseline))}）` : ''}
      ${s.suggestedAccounts?.length ? `<div style="font-size:13px;color:#8fb4ea">建议召集：${s.suggestedAccounts.map((a) => escapeHtml(dir.accountName(a.accountId ?? a))).join('、')}</div>` : ''}</div>`;
  }
  function renderSurges() {
    const box = stage.querySelector('[data-testid=surges] .body');
    box.innerHTML = surges.length ? surges.map(surgeLine).join('') : `<div class="nodata" data-testid="surges-nodata">${NO_DATA}</div>`;
  }
  async function loadSurges() {
    const data = await optional(`/api/surges?date=${today()}`).catch(() => null);
    surges = Array.isArray(data) ? data : data?.items ?? data?.surges ?? data?.alerts ?? [];
    renderSurges();
  }

  // ---- Drill-down: from a figure to the accounts and cases behind it, and a case's full timeline.
  function drill(title, html) {
    stage.querySelector('.drill')?.remove();
    stage.insertAdjacentHTML('beforeend', `<div class="drill" data-testid="drill"><h2><span>${title}</span><button data-close style="background:none;border:1px solid #4ea1ff;color:#fff;border-radius:6px">关闭</button></h2><div class="drill-body">${html}</div></div>`);
    const box = stage.querySelector('.drill');
    box.querySelector('[data-close]').addEventListener('click', () => box.remove());
    for (const row of box.querySelectorAll('[data-case]')) row.addEventListener('click', () => drillCase(row.dataset.case));
    for (const row of box.querySelectorAll('[data-account]')) row.addEventListener('click', () => drillAccount(row.dataset.account));
    return box;
  }
  function caseTable(items, withHolder = true) {
    if (!items.length) return `<div class="nodata">${NO_DATA}</div>`;
    return `<table><thead><tr><th>案件</th><th>状态</th>${withHolder ? '<th>承办单位</th>' : ''}<th>主题</th><th>区域</th><th>期限</th></tr></thead><tbody>
      ${items.map((c) => `<tr class="click" data-case="${c.id}" data-testid="drill-case"><td>${c.id}</td><td>${STATE[c.state] ?? c.state}</td>${withHolder ? `<td>${escapeHtml(dir.accountName(c.accountId))}</td>` : ''}
        <td>${escapeHtml(c.topic ?? c.category)}</td><td>${escapeHtml(dir.regionName(c.regionCode))}</td><td class="sla-${c.slaState}">${countdown(c.deadline)}</td></tr>`).join('')}</tbody></table>`;
  }
  // Open cases below the supervisor's accounts, from the inbox API (scope=subtree), filtered.
  async function openCases(filter = {}) {
    const query = new URLSearchParams({ scope: 'subtree', limit: '200', ...filter });
    return (await api(`/api/inbox?${query}`).catch(() => ({ items: [] }))).items;
  }
  async function drillRegion(code, name) {
    if (!code) return;
    const row = byDistrict.find((r) => r.key === code);
    const children = [...dir.accounts.values()].filter((a) => a.jurisdiction?.includes(code) || a.jurisdiction?.some((j) => j.startsWith(code) && j.length === 9)).slice(0, 40);
    const cases = await openCases({ region: code });
    drill(`${escapeHtml(name)} · 办理中案件`, `
      ${row ? `<p>本月受理 ${row.received ?? '—'}，办理中 ${row.open ?? '—'}，已办结 ${row.closed ?? '—'}，超期 ${row.overdue ?? '—'}</p>` : ''}
      <h3>相关单位</h3><table><tbody>${children.map((a) => `<tr class="click" data-account="${a.id}"><td>${escapeHtml(a.displayName)}</td><td>${a.id}</td></tr>`).join('')}</tbody></table>
      <h3>案件</h3>${caseTable(cases)}`);
  }
  async function drillAccount(accountId) {
    const cases = (await openCases()).filter((c) => c.accountId === accountId);
    const row = rankRows.find((r) => r.accountId === accountId);
    const children = [...dir.accounts.values()].filter((a) => a.parentId === accountId).slice(0, 40);
    drill(`${escapeHtml(dir.accountName(accountId))}`, `
      ${row ? `<p>第 ${row.rank} 名，得分 ${Number(row.score).toFixed(1)}；响应率 ${percent(asRate(row.responseRate))}，解决率 ${percent(asRate(row.solvedRate))}，满意率 ${percent(asRate(row.satisfactionRate))}</p>` : ''}
      ${children.length ? `<h3>下级单位</h3><table><tbody>${children.map((a) => `<tr class="click" data-account="${a.id}"><td>${escapeHtml(a.displayName)}</td><td>${a.id}</td></tr>`).join('')}</tbody></table>` : ''}
      <h3>办理中案件</h3>${caseTable(cases, false)}`);
  }
  async function drillTile(key) {
    const filter = key === 'overdue' ? { dueBefore: new Date().toISOString() } : {};
    const cases = await openCases(filter);
    const title = TILES.find((t) => t.key === key).name;
    const byAccount = new Map();
    for (const c of cases) byAccount.set(c.accountId, (byAccount.get(c.accountId) ?? 0) + 1);
    const accounts = [...byAccount.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
    drill(`${title} · 单位与案件`, `
      <h3>按承办单位</h3><table><tbody>${accounts.map(([id, n]) => `<tr class="click" data-account="${id}"><td>${escapeHtml(dir.accountName(id))}</td><td>${n} 件</td></tr>`).join('') || `<tr><td>${NO_DATA}</td></tr>`}</tbody></table>
      <h3>案件（办理中，按期限）</h3>${caseTable(cases)}`);
  }
  async function drillCase(id) {
    const c = await api(`/api/cases/${encodeURIComponent(id)}`).catch((e) => ({ error: e.message }));
    if (c.error) return drill(`案件 ${escapeHtml(id)}`, `<p>${escapeHtml(c.error)}</p>`);
    drill(`案件 ${c.id} · ${STATE[c.state] ?? c.state}`, `
      <p>${escapeHtml(c.text)}</p>
      <p style="color:#8fb4ea">承办：${escapeHtml(dir.accountName(c.accountId))} · ${escapeHtml(c.topic ?? c.category)} · ${escapeHtml(dir.regionName(c.regionCode))} · 期限 ${dateTime(c.deadline)}</p>
      ${c.publicReply ? `<p>回复：${escapeHtml(c.publicReply)}</p>` : ''}
      <h3>全流程时间线</h3>
      <ol class="timeline" data-testid="drill-timeline">${c.timeline.map((e) => `<li>${dateTime(e.at)} <b>${ACTION[e.action] ?? e.action}</b> ${escapeHtml(e.actorUserId === 'system' ? '系统' : dir.accountName(e.actorAccountId) || e.actorUserId)}${e.targetAccountId && e.action !== 'Open' ? ` → ${escapeHtml(dir.accountName(e.targetAccountId))}` : ''}${e.reason ? `<div style="color:#8fb4ea">${escapeHtml(e.reason)}</div>` : ''}</li>`).join('')}</ol>`);
  }
  for (const tile of stage.querySelectorAll('[data-tile]')) tile.addEventListener('click', () => drillTile(tile.dataset.tile));

  // ---- Live: /hubs/dashboard "event" messages; a reconnect asks for the snapshot again.
  const ticker = stage.querySelector('.ticker .events');
  const status = stage.querySelector('[data-testid=live-status]');
  function pushEvent(e) {
    const span = document.createElement('span');
    span.className = 'ev';
    span.dataset.testid = 'live-event';
    span.dataset.type = e.type;
    if (e.caseId) span.dataset.case = e.caseId;
    span.innerHTML = `<b>${clock(e.at)} ${EVENT_NAMES[e.type] ?? e.type}</b>${escapeHtml(e.caseId ?? '')} ${escapeHtml(dir.regionName(e.regionCode) === '—' ? '' : dir.regionName(e.regionCode))}`;
    ticker.prepend(span);
    while (ticker.children.length > 12) ticker.lastChild.remove();
  }
  let refreshTimer = null;
  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => { loadTrend(); loadBreakdown(); if (!tiles) loadTiles(); }, 1500);
  }
  const hub = connectHub('/hubs/dashboard', {
    onStatus: (s) => { status.textContent = { connected: '● 实时', reconnecting: '○ 重连中…', disconnected: '○ 离线', unavailable: '○ 实时推送暂不可用' }[s]; status.dataset.state = s; },
    onReconnected: () => snapshot(),
  });
  hub.connection.on('event', (e) => {
    if (e.type === 'metrics.tiles' && e.data) renderTiles(e.data);
    else if (e.type === 'surge.alert') {
      surges.unshift(e.data ?? { regionCode: e.regionCode });
      renderSurges();
    }
    if (e.type !== 'metrics.tiles') pushEvent(e);
    if (e.type.startsWith('case.')) refreshSoon();
  });
  async function snapshot() {
    if (!(await hub.started) || !hub.isConnected()) return;
    try {
      const snap = await hub.connection.invoke('GetSnapshot');
      const t = snap?.tiles ?? snap;
      if (t && pick(t, TILES[0].keys) !== undefined) renderTiles(t);
      for (const e of (snap?.events ?? snap?.recent ?? []).slice(-12)) pushEvent(e);
    } catch {
      // An older server without the snapshot: the REST figures stand.
    }
  }
  snapshot();

  await Promise.all([loadTiles(), loadTrend(), loadBreakdown(), loadRankings(), loadSurges()]);
  stage.dataset.loaded = 'true';
  addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  // Slow figures (rankings, surges) also refresh on a timer, in case an event was missed.
  setInterval(() => { if (!document.hidden) { loadTiles(); loadRankings(); loadSurges(); } }, 60000);
}
