import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import '../shared/screen.css';
import { api } from '../shared/api.js';
import { connectHub } from '../shared/hub.js';
import { loadDirectory } from '../shared/directory.js';
import { loadRegions } from '../shared/map.js';
import { hasRole, me } from '../shared/session.js';
import { ACTION, STATE } from '../shared/i18n.js';
import { clock, countdown, dateTime, escapeHtml, percent } from '../shared/format.js';

echarts.use([LineChart, BarChart, MapChart, GridComponent, TooltipComponent, LegendComponent, GeoComponent, VisualMapComponent, CanvasRenderer]);

// The supervisors' big screen at 1920×1080 (scaled to fit a laptop). Shapes: docs/METRICS.md (tiles, trend,
// breakdown, rankings, accounts), docs/SURGES.md (surges) and docs/ARCHITECTURE.md "Live events" (the hub).
const NO_DATA = '暂无数据';
const EVENT_NAMES = {
  'case.created': '新受理', 'case.forwarded': '转办', 'case.closed': '办结', 'case.changed': '案件更新', 'case.supervised': '督办',
  'sla.warning': '临期预警', 'sla.breach': '超期', 'surge.alert': '热点预警', 'metrics.tiles': '指标更新',
};
// field: GET /api/metrics/tiles; snapshot: the hub's GetSnapshot() (counts only, no rates).
const TILES = [
  { key: 'intake', name: '今日受理', field: 'intakeToday', snapshot: 'intakeToday' },
  { key: 'open', name: '办理中', field: 'open', snapshot: 'openCases' },
  { key: 'overdue', name: '当前超期', field: 'overdueNow', snapshot: 'overdueNow', bad: true },
  { key: 'closureRate', name: '办结率', field: 'closureRate', rate: true },
  { key: 'onTimeClosureRate', name: '按时办结率', field: 'onTimeClosureRate', rate: true },
  { key: 'satisfactionRate', name: '满意率', field: 'satisfactionRate', rate: true },
];
const RANK_KINDS = [['district', '区县'], ['street', '街道'], ['bureau', '部门']];

const user = me();
if (!user) location.assign(`/?next=${encodeURIComponent(location.pathname)}`);
else if (!hasRole(user, 'supervisor', 'admin')) {
  document.getElementById('app').innerHTML = '<p style="padding:2em">数据大屏仅供督办人员使用。<a href="/">返回</a></p>';
} else start();

// Movement = last month's rank − this month's (docs/METRICS.md): +2 climbed two places; null when unranked in either.
function movement(m) {
  if (m === null) return '<span class="same" title="上月或本月未排名">—</span>';
  if (m > 0) return `<span class="climb" title="较上月上升">▲${m}</span>`;
  if (m < 0) return `<span class="fall" title="较上月下降">▼${-m}</span>`;
  return '<span class="same" title="与上月持平">＝</span>';
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
          <div class="s-box" data-testid="by-district"><h2>区县分布 <small>本月受理的案件 · 点击查看</small></h2><div class="body" style="overflow:auto;flex:1"></div></div>
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
  // A rate is null when nothing could be judged (no case rated yet): shown as "—", not as 0.
  function showTile(t, raw) {
    const node = stage.querySelector(`[data-tile=${t.key}] .value`);
    node.className = `value${t.bad && raw > 0 ? ' bad' : ''}`;
    node.dataset.value = raw ?? '';
    node.textContent = t.rate ? percent(raw) : Number(raw ?? 0).toLocaleString('zh-CN');
  }
  function renderTiles(data) {
    for (const t of TILES) showTile(t, data[t.field]);
    stage.querySelector('[data-testid=tiles]').dataset.loaded = 'true';
  }
  function renderSnapshotTiles(snap) {
    for (const t of TILES) if (t.snapshot) showTile(t, snap[t.snapshot]);
  }
  // Responses can overtake each other: only the newest request may paint.
  let tilesRequest = 0;
  async function loadTiles() {
    const mine = ++tilesRequest;
    const data = await api('/api/metrics/tiles').catch(() => null);
    if (data && mine === tilesRequest) renderTiles(data);
  }

  // ---- Trend
  async function loadTrend() {
    const rows = await api(`/api/metrics/trend?from=${daysAgo(29)}&to=${today()}`).catch(() => null);
    if (!rows?.length) return noData('trend');
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
      api(`/api/metrics/breakdown?from=${monthStart}&to=${today()}&by=district`).catch(() => null),
      api(`/api/metrics/breakdown?from=${monthStart}&to=${today()}&by=topic`).catch(() => null),
    ]);
    byDistrict = district ?? [];
    const table = stage.querySelector('[data-testid=by-district] .body');
    if (!byDistrict.length) {
      table.innerHTML = `<div class="nodata">${NO_DATA}</div>`;
      noData('map', NO_DATA);
    } else {
      // key "" = cases without a place: listed, but there is no district to drill into.
      table.innerHTML = `<table><thead><tr><th>区县</th><th>受理</th><th>办理中</th><th>已办结</th><th>超期</th></tr></thead><tbody>
        ${byDistrict.map((r) => `<tr class="${r.key ? 'click' : ''}" data-testid="district-row" data-region="${escapeHtml(r.key)}" data-name="${escapeHtml(r.name)}">
          <td>${escapeHtml(r.key ? r.name : '未定位')}</td><td>${r.received}</td><td>${r.open}</td><td>${r.closed}</td><td class="${r.overdue ? 'up' : ''}">${r.overdue}</td></tr>`).join('')}</tbody></table>`;
      for (const row of table.querySelectorAll('tr.click')) row.addEventListener('click', () => drillRegion(row.dataset.region, row.dataset.name));
      const map = chartIn('map');
      const max = Math.max(1, ...byDistrict.map((r) => r.open));
      map.setOption({
        tooltip: { trigger: 'item', formatter: (p) => `${p.name}<br>办理中 ${p.value ?? 0} 件` },
        visualMap: { min: 0, max, left: 10, bottom: 10, text: ['多', '少'], textStyle: { color: '#8fb4ea' }, inRange: { color: ['#1b3f7a', '#ffd27a', '#ff6b6b'] }, calculable: true },
        series: [{ type: 'map', map: 'yinchuan', roam: false, label: { show: true, color: '#fff', fontSize: 14 },
          itemStyle: { borderColor: '#4ea1ff', areaColor: '#12305f' }, emphasis: { label: { color: '#fff' }, itemStyle: { areaColor: '#2f6fd6' } },
          data: byDistrict.filter((r) => r.key).map((r) => ({ name: r.name, value: r.open, code: r.key })) }],
      });
      map.off('click');
      map.on('click', (p) => drillRegion(p.data?.code ?? districts.find((f) => f.properties.name === p.name)?.properties.code, p.name));
    }
    const topics = (topic ?? []).slice(0, 10); // most received first (the API's order)
    if (!topics.length) return noData('by-topic');
    chartIn('by-topic').setOption({
      tooltip: { trigger: 'axis' }, grid: { left: 100, right: 24, top: 10, bottom: 24 },
      xAxis: { type: 'value', ...axis }, yAxis: { type: 'category', inverse: true, data: topics.map((r) => (r.key ? r.name : '未分类')), ...axis },
      series: [{ name: '受理', type: 'bar', data: topics.map((r) => r.received), itemStyle: { color: '#4ea1ff' }, label: { show: true, position: 'right', color: '#d8e6ff' } }],
    });
  }

  // ---- Rankings with movement
  let rankKind = 'district';
  let rankRows = [];
  async function loadRankings() {
    const box = stage.querySelector('[data-testid=rankings] .body');
    const kind = rankKind;
    const data = await api(`/api/rankings?month=${today().slice(0, 7)}&kind=${kind}`).catch(() => null);
    if (kind !== rankKind) return; // another tab was chosen meanwhile
    rankRows = data?.rows ?? [];
    if (!rankRows.length) {
      box.innerHTML = `<div class="nodata" data-testid="rankings-nodata">${NO_DATA}</div>`;
      return;
    }
    box.innerHTML = `<table><thead><tr><th>名次</th><th>单位</th><th>得分</th><th>受理</th><th>响应率</th><th>解决率</th><th>满意率</th><th>变化</th></tr></thead><tbody>
      ${rankRows.map((r) => `<tr class="click" data-account="${escapeHtml(r.accountId)}" data-testid="ranking-row"><td>${r.rank ?? '—'}</td><td>${escapeHtml(r.name)}</td>
        <td>${r.score === null ? '未排名' : r.score.toFixed(1)}</td><td>${r.received}</td><td>${percent(r.responseRate)}</td><td>${percent(r.solvedRate)}</td><td>${percent(r.satisfactionRate)}</td><td data-testid="movement">${movement(r.movement)}</td></tr>`).join('')}
      </tbody></table>`;
    for (const row of box.querySelectorAll('[data-account]')) row.addEventListener('click', (ev) => { ev.preventDefault(); drillAccount(row.dataset.account); });
  }
  for (const b of stage.querySelectorAll('[data-kind]')) {
    b.addEventListener('click', () => {
      rankKind = b.dataset.kind;
      for (const other of stage.querySelectorAll('[data-kind]')) other.classList.toggle('on', other === b);
      loadRankings();
    });
  }

  // ---- Surges: GET /api/surges (SurgeView) and live surge.alert events, whose data is the stored SurgeAlert
  // (flat baseline fields, regionCode): both become one shape here. One alert per topic × region × day.
  let surges = [];
  const RULES = { max: '超过历史同期最高', z: '显著高于基线', 'max+z': '超过历史同期最高且显著高于基线' };
  const surgeFromLive = (a) => ({
    topic: a.topic, region: a.regionCode, regionName: dir.regionName(a.regionCode === '6401' ? null : a.regionCode), day: a.day,
    firedAt: a.firedAt, count: a.count, rule: a.rule, baseline: { max: a.baselineMax, median: a.baselineMedian }, units: a.units ?? [],
  });
  function surgeLine(s) {
    const region = s.region === '6401' ? '全市' : s.regionName;
    return `<div class="surge" data-testid="surge" data-topic="${escapeHtml(s.topic)}" data-region="${escapeHtml(s.region)}">
      <span style="color:#ffd27a">${clock(s.firedAt)}</span> ${escapeHtml(region)} · <b>${escapeHtml(s.topic)}</b> 已达 ${s.count} 件
      <span style="color:#8fb4ea">（${RULES[s.rule] ?? s.rule}：同期最高 ${s.baseline.max}，中位数 ${s.baseline.median}）</span>
      ${s.units.length ? `<div style="font-size:13px;color:#8fb4ea">建议约谈：${s.units.map((u) => `${escapeHtml(u.displayName)}（${u.cases} 件）`).join('、')}</div>` : ''}</div>`;
  }
  function renderSurges() {
    const box = stage.querySelector('[data-testid=surges] .body');
    box.innerHTML = surges.length ? surges.map(surgeLine).join('') : `<div class="nodata" data-testid="surges-nodata">今日暂无热点预警</div>`;
  }
  function addSurge(s) {
    surges = [s, ...surges.filter((o) => !(o.topic === s.topic && o.region === s.region && o.day === s.day))];
    renderSurges();
  }
  async function loadSurges() {
    const data = await api(`/api/surges?date=${today()}`).catch(() => null);
    if (!data) return;
    surges = data.surges.slice().sort((a, b) => String(b.firedAt).localeCompare(String(a.firedAt)));
    renderSurges();
  }

  // ---- Drill-down: from a figure to the accounts and cases behind it, and a case's full timeline.
  function drill(title, html) {
    stage.querySelector('.drill')?.remove();
    stage.insertAdjacentHTML('beforeend', `<div class="drill" data-testid="drill"><h2><span>${title}</span><button data-close style="background:none;border:1px solid #4ea1ff;color:#fff;border-radius:6px">关闭</button></h2><div class="drill-body">${html}</div></div>`);
    const box = stage.querySelector('.drill');
    box.querySelector('[data-close]').addEventListener('click', () => box.remove());
    for (const row of box.querySelectorAll('[data-case]')) row.addEventListener('click', () => drillCase(row.dataset.case));
    for (const row of box.querySelectorAll('[data-account]')) row.addEventListener('click', (ev) => { ev.preventDefault(); drillAccount(row.dataset.account); });
    return box;
  }
  const caseRow = (c) => `<tr class="click" data-case="${c.id}" data-testid="drill-case"><td>${c.id}</td><td>${STATE[c.state] ?? c.state}</td>
    <td>${escapeHtml(c.holder ?? '')}</td><td>${escapeHtml(c.topic ?? c.category ?? '')}</td><td>${escapeHtml(dir.regionName(c.regionCode))}</td>
    <td class="sla-${c.slaState ?? ''}">${c.deadline !== undefined ? countdown(c.deadline) : dateTime(c.at)}</td><td style="max-width:520px">${escapeHtml(c.text)}</td></tr>`;
  function caseTable(items, lastHead = '期限') {
    if (!items.length) return `<div class="nodata" data-testid="drill-empty">${NO_DATA}</div>`;
    return `<table><thead><tr><th>案件</th><th>状态</th><th>承办单位</th><th>主题</th><th>区域</th><th>${lastHead}</th><th>内容</th></tr></thead><tbody>${items.map(caseRow).join('')}</tbody></table>`;
  }
  // Open cases (GET /api/inbox, CaseSummary) below the supervisor's accounts, earliest deadline first.
  async function openCases(filter = {}) {
    const query = new URLSearchParams({ scope: 'subtree', limit: '200', ...filter });
    const page = await api(`/api/inbox?${query}`).catch(() => ({ total: 0, items: [] }));
    return { total: page.total, items: page.items.map((c) => ({ ...c, holder: dir.accountName(c.accountId) })) };
  }
  // Open cases held in an account's subtree: the inbox narrowed to a unit below the supervisor's accounts.
  async function subtreeCases(accountId) {
    const page = await openCases({ accountId });
    return { ...page, partial: page.total > page.items.length };
  }
  const figures = (m) => `<table data-testid="drill-metrics"><tbody>
    <tr><td>受理</td><td>${m.received}</td><td>办理中</td><td>${m.counts.open}</td><td>已办结</td><td>${m.counts.closed}</td><td>当前超期</td><td class="${m.overdueNow ? 'up' : ''}">${m.overdueNow}</td></tr>
    <tr><td>办结率</td><td>${percent(m.closureRate)}</td><td>按时办结率</td><td>${percent(m.onTimeClosureRate)}</td><td>响应率</td><td>${percent(m.responseRate)}</td><td>及时签收率</td><td>${percent(m.acceptedInTimeRate)}</td></tr>
    <tr><td>解决率</td><td>${percent(m.solvedRate)}</td><td>满意率</td><td>${percent(m.satisfactionRate)}</td><td>重办率</td><td>${percent(m.reopenRate)}</td><td>办结时长中位数</td><td>${m.medianHoursToClose ?? '—'} 小时</td></tr></tbody></table>`;
  async function drillRegion(code, name) {
    if (!code) return;
    const row = byDistrict.find((r) => r.key === code);
    const cases = await openCases({ region: code });
    drill(`${escapeHtml(name)} · 办理中案件`, `
      ${row ? `<p>本月受理 ${row.received}，办理中 ${row.open}，已办结 ${row.closed}，超期 ${row.overdue}</p>` : ''}
      <h3>案件（办理中 ${cases.total} 件，按期限）</h3>${caseTable(cases.items)}`);
  }
  async function drillAccount(accountId) {
    const [m, cases] = await Promise.all([
      api(`/api/metrics/accounts/${encodeURIComponent(accountId)}?subtree=true&from=${monthStart}&to=${today()}`).catch(() => null),
      subtreeCases(accountId),
    ]);
    const row = rankRows.find((r) => r.accountId === accountId);
    const children = [...dir.accounts.values()].filter((a) => a.parentId === accountId).slice(0, 40);
    drill(`${escapeHtml(dir.accountName(accountId))} <small>本月（含下级单位）</small>`, `
      ${row?.rank ? `<p>月度排名第 ${row.rank} 名，得分 ${row.score.toFixed(1)}</p>` : ''}
      ${m ? figures(m) : ''}
      ${children.length ? `<h3>下级单位</h3><p>${children.map((a) => `<a href="#" class="click" data-account="${a.id}" style="color:#9cc6ff;margin-right:12px">${escapeHtml(a.displayName)}</a>`).join('')}</p>` : ''}
      <h3>办理中案件（${cases.total} 件${cases.partial ? '，显示期限最近的 200 件' : ''}，按期限）</h3>${caseTable(cases.items)}`);
  }
  async function drillTile(key) {
    const cases = await openCases(key === 'overdue' ? { dueBefore: new Date().toISOString() } : {});
    const title = TILES.find((t) => t.key === key).name;
    const byAccount = new Map();
    for (const c of cases.items) byAccount.set(c.accountId, (byAccount.get(c.accountId) ?? 0) + 1);
    const accounts = [...byAccount.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
    drill(`${title} · 单位与案件`, `
      <h3>按承办单位（办理中${key === 'overdue' ? '且超期' : ''}）</h3><table><tbody>${accounts.map(([id, n]) => `<tr class="click" data-account="${id}"><td>${escapeHtml(dir.accountName(id))}</td><td>${n} 件</td></tr>`).join('') || `<tr><td>${NO_DATA}</td></tr>`}</tbody></table>
      <h3>案件（${cases.total} 件，按期限）</h3>${caseTable(cases.items)}`);
  }
  async function drillCase(id) {
    const c = await api(`/api/cases/${encodeURIComponent(id)}`).catch((e) => ({ error: e.message }));
    if (c.error) return drill(`案件 ${escapeHtml(id)}`, `<p>${escapeHtml(c.error)}</p>`);
    drill(`案件 ${c.id} · ${STATE[c.state] ?? c.state}`, `
      <p data-testid="drill-case-text">${escapeHtml(c.text)}</p>
      <p style="color:#8fb4ea">承办：${escapeHtml(dir.accountName(c.accountId))} · ${escapeHtml(c.topic ?? c.category)} · ${escapeHtml(dir.regionName(c.regionCode))} · 期限 ${c.deadline ? dateTime(c.deadline) : '无'}</p>
      ${c.publicReply ? `<p>回复：${escapeHtml(c.publicReply)}</p>` : ''}
      <h3>全流程时间线</h3>
      <ol class="timeline" data-testid="drill-timeline">${c.timeline.map((e) => `<li data-testid="drill-timeline-entry" data-action="${e.action}">${dateTime(e.at)} <b>${ACTION[e.action] ?? e.action}</b> ${escapeHtml(e.actorUserId === 'system' ? '系统' : e.actorAccountId ? dir.accountName(e.actorAccountId) : `市民 ${e.actorUserId}`)}${e.targetAccountId && e.action !== 'Open' ? ` → ${escapeHtml(dir.accountName(e.targetAccountId))}` : ''}${e.reason ? `<div style="color:#8fb4ea">${escapeHtml(e.reason)}</div>` : ''}</li>`).join('')}</ol>`);
  }
  for (const tile of stage.querySelectorAll('[data-tile]')) tile.addEventListener('click', () => drillTile(tile.dataset.tile));

  // ---- Live (docs/ARCHITECTURE.md "Live events"): GetSnapshot, then Subscribe(snap.seq); case events carry a seq,
  // SLA/surge/tiles events do not. On reconnect: Subscribe(lastSeq) until complete, then a fresh snapshot.
  const ticker = stage.querySelector('.ticker .events');
  const status = stage.querySelector('[data-testid=live-status]');
  let lastSeq = 0;
  function pushEvent(e) {
    const span = document.createElement('span');
    span.className = 'ev';
    span.dataset.testid = 'live-event';
    span.dataset.type = e.type;
    if (e.caseId) span.dataset.case = e.caseId;
    const region = e.regionCode ? dir.regionName(e.regionCode) : '';
    const what = e.type === 'surge.alert' ? `${e.data.topic} ${e.data.count} 件` : e.data?.topic ?? e.data?.category ?? '';
    span.innerHTML = `<b>${clock(e.at)} ${EVENT_NAMES[e.type] ?? e.type}</b>${escapeHtml(e.caseId ?? '')} ${escapeHtml(region)} ${escapeHtml(what)}`;
    ticker.prepend(span);
    while (ticker.children.length > 12) ticker.lastChild.remove();
  }
  function showRecent(recent) {
    ticker.replaceChildren();
    for (const e of recent.slice(0, 12).reverse()) pushEvent(e); // recent is newest first
  }
  // Tiles follow case events within ~0.3 s (one request per burst, not per event); charts and the
  // district table are heavier and follow a second later.
  let tilesTimer = null;
  let chartsTimer = null;
  function refreshSoon() {
    clearTimeout(tilesTimer);
    tilesTimer = setTimeout(loadTiles, 300);
    clearTimeout(chartsTimer);
    stage.dataset.idle = 'false';
    redrawPending = true;
    chartsTimer = setTimeout(() => { redrawPending = false; Promise.all([loadTrend(), loadBreakdown()]).then(settled); }, 1500);
  }
  // data-idle: no redraw pending and ECharts' 1 s animation over (for screenshots and tests).
  let idleTimer = null;
  function settled() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => { if (!redrawPending) stage.dataset.idle = 'true'; }, 1200);
  }
  let redrawPending = false;
  const hub = connectHub('/hubs/dashboard', {
    onStatus: (s) => { status.textContent = { connected: '● 实时', reconnecting: '○ 重连中…', disconnected: '○ 离线', unavailable: '○ 实时推送暂不可用' }[s]; status.dataset.state = s; },
    onReconnected: () => resume(),
  });
  hub.connection.on('event', (e) => {
    if (e.seq !== null) {
      if (e.seq <= lastSeq) return; // already shown (a replay overlapping the snapshot)
      lastSeq = e.seq;
    }
    if (e.type === 'metrics.tiles') return refreshSoon();
    if (e.type === 'surge.alert') addSurge(surgeFromLive(e.data));
    pushEvent(e);
    if (e.type.startsWith('case.') || e.type.startsWith('sla.')) refreshSoon();
  });
  async function subscribeFresh() {
    const snap = await hub.connection.invoke('GetSnapshot');
    lastSeq = snap.seq;
    renderSnapshotTiles(snap);
    showRecent(snap.recent);
    await hub.connection.invoke('Subscribe', snap.seq);
  }
  async function resume() {
    try {
      let r = await hub.connection.invoke('Subscribe', lastSeq);
      while (!r.complete && r.resumeFrom !== null) r = await hub.connection.invoke('Subscribe', r.resumeFrom);
      if (!r.complete) await subscribeFresh();
      else renderSnapshotTiles(await hub.connection.invoke('GetSnapshot'));
      loadTiles();
      loadSurges(); // surge events sent while disconnected are not replayed
    } catch {
      // The connection dropped again; the next reconnect resumes.
    }
  }
  const live = hub.started.then(async (ok) => {
    if (!ok) return;
    await subscribeFresh();
    stage.dataset.live = 'true';
  });

  await Promise.all([loadTiles(), loadTrend(), loadBreakdown(), loadRankings(), loadSurges(), live.catch(() => {})]);
  stage.dataset.loaded = 'true';
  stage.dataset.idle = 'false';
  settled();
  addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  // Rankings change only with ratings and month ends: a slow timer is enough; tiles and surges too, in case
  // an event that is not replayed (surge, SLA) was missed.
  setInterval(() => { if (!document.hidden) { loadTiles(); loadRankings(); loadSurges(); } }, 60000);
}
