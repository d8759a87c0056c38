import { api, ApiError } from '../shared/api.js';
import { frame, toast } from '../shared/layout.js';
import { connectHub } from '../shared/hub.js';
import { loadDirectory } from '../shared/directory.js';
import { loadRegions, RegionMap } from '../shared/map.js';
import { LEVELS } from '../shared/i18n.js';
import { capTime, clock, escapeHtml, localInput } from '../shared/format.js';

// CAP categories for the events a city broadcaster sends most.
const EVENTS = [
  ['暴雨', 'Met'], ['大风', 'Met'], ['沙尘暴', 'Met'], ['寒潮', 'Met'], ['暴雪', 'Met'], ['高温', 'Met'], ['雷电', 'Met'], ['大雾', 'Met'],
  ['地震', 'Geo'], ['火灾', 'Fire'], ['危化品泄漏', 'CBRNE'], ['停水', 'Infra'], ['停电', 'Infra'], ['燃气泄漏', 'Safety'], ['交通管制', 'Transport'], ['公共卫生', 'Health'],
];

const shell = frame({ title: '应急广播控制台', roles: ['broadcaster'] });
if (shell) start(shell);

async function start({ user, page }) {
  const [dir, geo] = await Promise.all([loadDirectory(), loadRegions()]);
  const state = { account: user.accountIds[0], mode: 'circle', sent: new Map() };

  page.innerHTML = `
    <div class="grid2" style="grid-template-columns: 420px 1fr">
      <form class="panel" data-testid="alert-form">
        <h2>编写预警</h2>
        <label>发布单位</label>
        <select name="account" data-testid="alert-account">${user.accountIds.map((id) => `<option value="${id}">${escapeHtml(dir.accountName(id))}</option>`).join('')}</select>
        <div class="muted" data-testid="jurisdiction" style="font-size:12px;margin-top:4px"></div>
        <label for="event">事件</label>
        <select id="event" name="event" data-testid="alert-event">${EVENTS.map(([e]) => `<option>${e}</option>`).join('')}</select>
        <label>预警级别</label>
        <div class="row" data-testid="alert-level">
          ${LEVELS.map((l, i) => `<label class="level-${l.css}" style="padding:4px 12px;border-radius:6px;margin:0;color:inherit"><input type="radio" name="level" value="${l.colour}" ${i === 2 ? 'checked' : ''} data-testid="level-${l.colour}"> ${l.name}</label>`).join('')}
        </div>
        <label for="headline">标题</label>
        <input id="headline" name="headline" data-testid="alert-headline" style="width:100%">
        <label for="description">预警内容</label>
        <textarea id="description" name="description" data-testid="alert-text" placeholder="发生了什么、影响范围与时段"></textarea>
        <label for="instruction">防御指引</label>
        <textarea id="instruction" name="instruction" data-testid="alert-instruction" placeholder="公众应当怎么做"></textarea>
        <label for="expires">有效期至（北京时间）</label>
        <input id="expires" name="expires" type="datetime-local" data-testid="alert-expires">
        <div class="notice" style="margin-top:12px" data-testid="preview">圈定区域后显示区域内在线终端数</div>
        <button class="danger" type="submit" data-testid="alert-send" style="width:100%">发布预警</button>
        <div class="error-text" data-testid="alert-error" role="alert"></div>
      </form>
      <section>
        <div class="panel">
          <div class="row" style="justify-content: space-between">
            <div class="row" data-testid="area-modes">
              <strong>预警区域：</strong>
              <label style="margin:0"><input type="radio" name="mode" value="circle" checked data-testid="mode-circle"> 圆形</label>
              <label style="margin:0"><input type="radio" name="mode" value="polygon" data-testid="mode-polygon"> 多边形</label>
              <label style="margin:0"><input type="radio" name="mode" value="regions" data-testid="mode-regions"> 行政区/街道</label>
            </div>
            <div class="row">
              <button type="button" data-view="urban">市区</button><button type="button" data-view="city">全市</button>
              <button type="button" data-testid="area-clear">清除</button>
            </div>
          </div>
          <div class="row muted" style="font-size:12px;margin:6px 0" data-testid="area-help"></div>
          <div class="row" data-testid="circle-tools">
            圆心 <input name="lat" data-testid="circle-lat" size="8" placeholder="纬度"> <input name="lon" data-testid="circle-lon" size="9" placeholder="经度">
            半径 <input name="radius" data-testid="circle-radius" type="number" min="0.1" step="0.1" value="3" style="width:80px"> 公里
          </div>
          <div class="row" data-testid="region-tools" hidden>
            <select data-testid="region-district"><option value="">选择区县…</option></select>
            <select data-testid="region-street"><option value="">（整个区县）</option></select>
            <button type="button" data-testid="region-add">加入</button>
            <span data-testid="region-picked"></span>
          </div>
          <div id="map" style="margin-top:8px"></div>
          <p class="muted" style="font-size:12px">底图为本系统自带的近似区划（按街道中心划分），不联网。</p>
        </div>
        <div class="panel" style="margin-top:16px">
          <h2>已发布预警与送达回执 <span class="muted" data-testid="hub-status"></span></h2>
          <table><thead><tr><th>时间</th><th>预警</th><th>目标终端</th><th>已送达</th><th>已确认</th><th>送达 P50/P99</th></tr></thead>
          <tbody data-testid="receipts"><tr><td colspan="6" class="empty">尚未发布</td></tr></tbody></table>
        </div>
      </section>
    </div>`;

  const form = page.querySelector('[data-testid=alert-form]');
  form.expires.value = localInput(new Date(Date.now() + 6 * 3600 * 1000));
  const map = new RegionMap(page.querySelector('#map'), geo, { onChange: () => { syncCircleInputs(); renderPicked(); schedulePreview(); } });
  map.setMode('circle');

  const headline = () => `${dir.accountName(state.account)}发布${form.event.value}${LEVELS.find((l) => l.colour === form.level.value).name}预警`;
  let headlineEdited = false;
  form.headline.value = headline();
  form.headline.addEventListener('input', () => { headlineEdited = true; });
  for (const name of ['event', 'level']) {
    for (const input of form.querySelectorAll(`[name=${name}]`)) input.addEventListener('change', () => { if (!headlineEdited) form.headline.value = headline(); });
  }
  form.account.addEventListener('change', () => { state.account = form.account.value; showJurisdiction(); watchReceipts(); schedulePreview(); });

  function showJurisdiction() {
    const codes = dir.accounts.get(state.account)?.jurisdiction ?? [];
    page.querySelector('[data-testid=jurisdiction]').textContent = `管辖范围：${codes.map((c) => dir.regionName(c)).join('、') || '无'}`;
  }
  showJurisdiction();

  const help = {
    circle: '在地图上点击选定圆心，或直接输入经纬度与半径。',
    polygon: '在地图上依次点击多边形顶点（至少 3 个），清除可重画。',
    regions: '在地图上点击街道（或区县）选择，也可从下拉列表按名称加入。',
  };
  function setMode(mode) {
    state.mode = mode;
    map.clear();
    map.setMode(mode);
    page.querySelector('[data-testid=area-help]').textContent = help[mode];
    page.querySelector('[data-testid=circle-tools]').hidden = mode !== 'circle';
    page.querySelector('[data-testid=region-tools]').hidden = mode !== 'regions';
    renderPicked();
    schedulePreview();
  }
  for (const input of page.querySelectorAll('[name=mode]')) input.addEventListener('change', () => setMode(input.value));
  for (const button of page.querySelectorAll('[data-view]')) button.addEventListener('click', () => map.setView(button.dataset.view));
  page.querySelector('[data-testid=area-clear]').addEventListener('click', () => { map.clear(); syncCircleInputs(); renderPicked(); schedulePreview(); });

  // Circle by numbers as well as by clicking.
  const circleInputs = { lat: page.querySelector('[data-testid=circle-lat]'), lon: page.querySelector('[data-testid=circle-lon]'), radius: page.querySelector('[data-testid=circle-radius]') };
  function syncCircleInputs() {
    if (!map.circle) return;
    circleInputs.lat.value = map.circle.lat;
    circleInputs.lon.value = map.circle.lon;
    map.circle.radiusKm = Number(circleInputs.radius.value) || 3;
    map.setCircle(map.circle);
  }
  for (const input of Object.values(circleInputs)) {
    input.addEventListener('input', () => {
      const lat = Number(circleInputs.lat.value);
      const lon = Number(circleInputs.lon.value);
      const radiusKm = Number(circleInputs.radius.value);
      if (circleInputs.lat.value && circleInputs.lon.value && Number.isFinite(lat) && Number.isFinite(lon) && radiusKm > 0) {
        map.setCircle({ lat, lon, radiusKm });
        schedulePreview();
      }
    });
  }

  // The gazetteer: districts and their streets by name.
  const districtSelect = page.querySelector('[data-testid=region-district]');
  const streetSelect = page.querySelector('[data-testid=region-street]');
  const all = [...dir.regions.values()];
  districtSelect.innerHTML += all.filter((r) => r.level === 'district').map((r) => `<option value="${r.code}">${escapeHtml(r.name)}</option>`).join('');
  districtSelect.addEventListener('change', () => {
    streetSelect.innerHTML = '<option value="">（整个区县）</option>' + all.filter((r) => r.level === 'street' && r.parentCode === districtSelect.value)
      .map((r) => `<option value="${r.code}">${escapeHtml(r.name)}</option>`).join('');
  });
  page.querySelector('[data-testid=region-add]').addEventListener('click', () => {
    const code = streetSelect.value || districtSelect.value;
    if (!code) return;
    map.togglePick(code, true);
    renderPicked();
    schedulePreview();
  });
  function renderPicked() {
    const box = page.querySelector('[data-testid=region-picked]');
    box.innerHTML = [...map.picked].map((code) => `<span class="tag" data-code="${code}">${escapeHtml(dir.regionName(code))} <button type="button" class="link" data-unpick="${code}">×</button></span>`).join('');
    for (const b of box.querySelectorAll('[data-unpick]')) b.addEventListener('click', () => { map.togglePick(b.dataset.unpick, false); renderPicked(); schedulePreview(); });
  }

  function area() {
    if (state.mode === 'circle' && map.circle) {
      const c = map.circle;
      return { areaDesc: `以(${c.lat},${c.lon})为中心半径${c.radiusKm}公里`, circle: [`${c.lat},${c.lon} ${c.radiusKm}`] };
    }
    if (state.mode === 'polygon' && map.polygon.length >= 3) {
      const ring = [...map.polygon, map.polygon[0]].map((p) => `${p.lat},${p.lon}`).join(' ');
      return { areaDesc: '自定义多边形区域', polygon: [ring] };
    }
    if (state.mode === 'regions' && map.picked.size) {
      const codes = [...map.picked];
      return { areaDesc: codes.map((c) => dir.regionName(c)).join('、'), geocode: codes.map((value) => ({ valueName: 'GB/T 2260', value })) };
    }
    return null;
  }

  function alertOf(now = new Date()) {
    const event = form.event.value;
    const stamp = capTime(now).replace(/\D/g, '').slice(0, 14);
    return {
      identifier: `${state.account}-${stamp}-${Math.random().toString(36).slice(2, 7)}`,
      sender: `${state.account}@citymatrix`,
      sent: capTime(now),
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      info: [{
        language: 'zh-CN',
        category: [EVENTS.find(([e]) => e === event)?.[1] ?? 'Other'],
        event,
        urgency: 'Immediate',
        severity: form.level.value,
        certainty: 'Likely',
        expires: capTime(new Date(`${form.expires.value}:00+08:00`)),
        senderName: dir.accountName(state.account),
        headline: form.headline.value.trim() || headline(),
        description: form.description.value.trim() || null,
        instruction: form.instruction.value.trim() || null,
        area: area() ? [area()] : [],
      }],
    };
  }

  // How many connected clients the area holds now (POST /api/alerts/preview), a moment after the area changes.
  const preview = page.querySelector('[data-testid=preview]');
  let previewTimer = null;
  let previewSeq = 0;
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(runPreview, 250);
  }
  async function runPreview() {
    const seq = ++previewSeq;
    if (!area()) {
      preview.className = 'notice';
      preview.textContent = '圈定区域后显示区域内在线终端数';
      delete preview.dataset.inside;
      return;
    }
    try {
      const result = await api(`/api/alerts/preview?account=${encodeURIComponent(state.account)}`, { method: 'POST', body: alertOf() });
      if (seq !== previewSeq) return;
      preview.className = 'notice';
      preview.dataset.inside = result.inside;
      preview.innerHTML = `区域内在线终端：<strong data-testid="preview-count">${result.inside}</strong> 个（本服务器在线共 ${result.connected} 个）`;
    } catch (e) {
      if (seq !== previewSeq) return;
      preview.className = 'notice error';
      delete preview.dataset.inside;
      preview.textContent = e.message;
    }
  }
  setInterval(() => { if (area() && !document.hidden) runPreview(); }, 10000);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = form.querySelector('[data-testid=alert-error]');
    error.textContent = '';
    if (!area()) {
      error.textContent = '请先在地图上圈定预警区域。';
      return;
    }
    const alert = alertOf();
    const send = form.querySelector('[data-testid=alert-send]');
    send.disabled = true;
    try {
      const created = await api(`/api/alerts?account=${encodeURIComponent(state.account)}`, { method: 'POST', body: alert });
      state.sent.set(created.identifier, { alert, at: new Date(), receipts: null });
      renderReceipts();
      toast('预警已发布', 'ok');
      const receipts = await api(`/api/alerts/${encodeURIComponent(created.identifier)}/receipts`).catch(() => null);
      if (receipts) updateReceipts(receipts);
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : `发布失败：${e.message}`;
    } finally {
      send.disabled = false;
    }
  });

  function updateReceipts(summary) {
    const sent = state.sent.get(summary.identifier);
    if (!sent) return;
    sent.receipts = summary;
    renderReceipts();
  }

  function renderReceipts() {
    const body = page.querySelector('[data-testid=receipts]');
    const rows = [...state.sent.entries()].reverse();
    body.innerHTML = rows.map(([id, s]) => {
      const info = s.alert.info[0];
      const level = LEVELS.find((l) => l.colour === info.severity) ?? LEVELS[3];
      const r = s.receipts;
      const ms = (v) => (v === null || v === undefined ? '—' : `${Math.round(v)}ms`);
      return `<tr data-testid="receipt-row" data-identifier="${escapeHtml(id)}" data-delivered="${r?.delivered ?? 0}">
        <td>${clock(s.at)}</td>
        <td><span class="tag level-${level.css}">${level.name}</span>${escapeHtml(info.headline)}<div class="muted" style="font-size:12px">${escapeHtml(info.area[0].areaDesc)}</div></td>
        <td>${r?.targeted ?? 0}</td><td data-testid="receipt-delivered">${r?.delivered ?? 0}</td><td>${r?.acknowledged ?? 0}</td>
        <td>${ms(r?.deliveredP50Ms)} / ${ms(r?.deliveredP99Ms)}</td></tr>`;
    }).join('') || '<tr><td colspan="6" class="empty">尚未发布</td></tr>';
  }

  // Live receipts for the account's alerts over /hubs/alerts (WatchReceipts).
  const hubStatus = page.querySelector('[data-testid=hub-status]');
  const hub = connectHub('/hubs/alerts', {
    onStatus: (s) => { hubStatus.textContent = { connected: '● 实时回执', reconnecting: '○ 重连中…', disconnected: '○ 离线', unavailable: '○ 实时不可用' }[s]; },
    onReconnected: () => watchReceipts(),
  });
  hub.connection.on('receipts', updateReceipts);
  setMode('circle');
  async function watchReceipts() {
    if ((await hub.started) && hub.isConnected()) await hub.connection.invoke('WatchReceipts', state.account).catch((e) => toast(`无法订阅回执：${e.message}`, 'error'));
  }
  watchReceipts();
}
