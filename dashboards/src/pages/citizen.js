import { api, ApiError } from '../shared/api.js';
import { frame, toast } from '../shared/layout.js';
import { connectHub } from '../shared/hub.js';
import { loadDirectory } from '../shared/directory.js';
import { loadRegions, RegionMap } from '../shared/map.js';
import { hasRole } from '../shared/session.js';
import { LEVELS, STATE, levelOf } from '../shared/i18n.js';
import { dateTime, escapeHtml } from '../shared/format.js';

const shell = frame({ title: '市民服务', optional: true });
if (shell) start(shell);

async function start({ user, page }) {
  const [dir, geo] = await Promise.all([loadDirectory(), loadRegions()]);
  const citizen = hasRole(user, 'citizen');
  const params = new URLSearchParams(location.search);

  page.innerHTML = `
    <div class="grid2" style="grid-template-columns: 1fr 1fr">
      <section>
        <div class="panel" data-testid="alerts-panel">
          <h2>区域预警 <span class="muted" data-testid="alert-status"></span></h2>
          <div class="muted" data-testid="my-location">正在确定位置…</div>
          <div data-testid="alerts"><div class="empty" data-testid="alerts-empty">您所在区域暂无预警</div></div>
          <details style="margin-top:8px"><summary class="muted">在地图上选择我的位置</summary><div id="locator"></div></details>
        </div>
        <div class="panel" style="margin-top:16px">
          <h2>我要投诉</h2>
          ${citizen ? `
          <form data-testid="post-form">
            <textarea name="text" data-testid="post-text" placeholder="请描述问题与地点，例如：兴庆区凤凰北街崇安社区暖气不热"></textarea>
            <label style="display:flex;gap:6px;align-items:center"><input type="checkbox" name="withLocation" checked> 附上我的位置</label>
            <button class="primary" type="submit" data-testid="post-submit">提交</button>
            <div class="error-text" data-testid="post-error" role="alert"></div>
            <div data-testid="post-receipt"></div>
          </form>` : '<p class="muted">以市民身份 <a href="/?next=/citizen">登录</a> 后可以提交投诉、查看进度并评价。</p>'}
        </div>
        ${citizen ? `<div class="panel" style="margin-top:16px"><h2>我的诉求</h2><div data-testid="my-cases"></div></div>` : ''}
      </section>
      <section class="panel">
        <h2>政务公开回复</h2>
        <div data-testid="feed"></div>
        <button data-testid="feed-more" hidden>加载更多</button>
      </section>
    </div>`;

  // ---- Alerts for the page's own location: ?lat=&lon= (or ?region=), else the browser's, else picked on the map.
  const locationLine = page.querySelector('[data-testid=my-location]');
  const locator = new RegionMap(page.querySelector('#locator'), geo, { testid: 'locator-map', onChange: (m) => setLocation({ lat: m.point.lat, lon: m.point.lon }) });
  locator.setMode('point');
  let place = null;
  const alertHub = connectHub(`/hubs/alerts${user ? '' : ''}`, {
    anonymous: !user,
    onStatus: (s) => { page.querySelector('[data-testid=alert-status]').textContent = { connected: '● 已连接', reconnecting: '○ 重连中…', disconnected: '○ 未连接', unavailable: '○ 不可用' }[s]; },
    onReconnected: () => report(),
  });
  alertHub.connection.on('alert', showAlert);

  async function report() {
    if (!place || !(await alertHub.started) || !alertHub.isConnected()) return;
    try {
      if (place.region) await alertHub.connection.invoke('ReportRegion', place.region);
      else await alertHub.connection.invoke('ReportLocation', place.lat, place.lon);
      locationLine.dataset.reported = 'true';
    } catch (e) {
      locationLine.textContent = `位置上报失败：${e.message}`;
    }
  }

  function setLocation(next) {
    place = next;
    if (next.region) {
      locationLine.textContent = `我的位置：${dir.regionName(next.region)}`;
    } else {
      locator.setPoint(next);
      const region = locator.regionAt(next.lat, next.lon);
      locationLine.textContent = `我的位置：${region ? dir.regionName(region.code) : '银川市外'}（${next.lat.toFixed(4)}, ${next.lon.toFixed(4)}）`;
    }
    delete locationLine.dataset.reported;
    report();
  }

  if (params.has('lat') && params.has('lon')) setLocation({ lat: Number(params.get('lat')), lon: Number(params.get('lon')) });
  else if (params.has('region')) setLocation({ region: params.get('region') });
  else if (navigator.geolocation) {
    navigator.geolocation.getCurrentPosition(
      (p) => setLocation({ lat: p.coords.latitude, lon: p.coords.longitude }),
      () => { locationLine.textContent = '无法获取定位：请在下方地图上选择您的位置。'; },
      { timeout: 5000, maximumAge: 600000 },
    );
  } else {
    locationLine.textContent = '浏览器不支持定位：请在下方地图上选择您的位置。';
  }

  function showAlert(alert) {
    const box = page.querySelector('[data-testid=alerts]');
    page.querySelector('[data-testid=alerts-empty]')?.remove();
    const info = alert.info?.[0] ?? {};
    const level = levelOf(info.severity);
    const existing = box.querySelector(`[data-identifier="${CSS.escape(alert.identifier)}"]`);
    const card = document.createElement('div');
    card.className = 'alert-card';
    card.dataset.testid = 'alert-card';
    card.dataset.identifier = alert.identifier;
    card.dataset.msgType = alert.msgType;
    card.innerHTML = `
      <div class="alert-head level-${level.css}">${alert.msgType === 'Cancel' ? '【解除】' : ''}${escapeHtml(info.headline ?? info.event)}</div>
      <div class="alert-body">
        <div>${escapeHtml(info.description ?? '')}</div>
        ${info.instruction ? `<div><strong>防御指引：</strong>${escapeHtml(info.instruction)}</div>` : ''}
        <div class="muted" style="font-size:12px">${escapeHtml(info.senderName ?? alert.sender)} · ${level.name}预警 · 区域：${escapeHtml((info.area ?? []).map((a) => a.areaDesc).join('、'))} · 有效至 ${dateTime(info.expires)}</div>
      </div>`;
    if (existing) existing.replaceWith(card);
    else box.prepend(card);
    if (alertHub.isConnected()) alertHub.connection.invoke('Acknowledge', alert.identifier).catch(() => {});
  }

  // ---- Posting a complaint as the signed-in citizen (POST /api/posts: the server makes him the author).
  const form = page.querySelector('[data-testid=post-form]');
  form?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = form.querySelector('[data-testid=post-error]');
    const receipt = form.querySelector('[data-testid=post-receipt]');
    error.textContent = '';
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const body = {
        platform: 'citymatrix',
        postId: crypto.randomUUID(),
        author: { id: user.id, name: user.name },
        text: form.text.value.trim(),
        createdAt: new Date().toISOString(),
        location: form.withLocation.checked && place && !place.region ? { lat: place.lat, lon: place.lon } : null,
      };
      const r = await api('/api/posts', { method: 'POST', body });
      receipt.innerHTML = r.caseId
        ? `<div class="notice" data-testid="post-case" data-case="${r.caseId}">已受理，案件编号 <strong>${r.caseId}</strong>，已转交 ${escapeHtml(dir.accountName(r.accountId))} 办理（${escapeHtml(r.category)}${r.topic ? ` / ${escapeHtml(r.topic)}` : ''}）。</div>`
        : '<div class="notice" data-testid="post-case">已收到，谢谢您的留言。</div>';
      form.text.value = '';
      toast('提交成功', 'ok');
      loadMine();
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : `提交失败：${e.message}`;
    } finally {
      button.disabled = false;
    }
  });

  // ---- My cases: progress, the public reply, rating a closed case.
  async function loadMine() {
    const box = page.querySelector('[data-testid=my-cases]');
    if (!box) return;
    try {
      const cases = await api('/api/my/cases?limit=20');
      box.innerHTML = cases.map((c) => `
        <div class="post" data-testid="my-case" data-case="${c.id}" data-state="${c.state}">
          <div class="row" style="justify-content: space-between"><strong>${c.id}</strong><span class="tag">${STATE[c.state] ?? c.state}</span></div>
          <p>${escapeHtml(c.text)}</p>
          <div class="muted" style="font-size:12px">承办：${escapeHtml(dir.accountName(c.accountId))} · ${dateTime(c.receivedAt)}</div>
          ${c.publicReply ? `<div class="reply" data-testid="my-case-reply"><strong>回复：</strong>${escapeHtml(c.publicReply)}</div>` : ''}
          ${c.state === 'Closed' ? rateForm(c.id) : ''}
          ${c.state === 'Rated' ? `<div class="muted" data-testid="my-case-rating">我的评价：${c.solved ? '已解决' : '未解决'}，${c.satisfied ? '满意' : '不满意'}</div>` : ''}
        </div>`).join('') || '<div class="empty">您还没有提交过诉求</div>';
      for (const rate of box.querySelectorAll('form[data-rate]')) rate.addEventListener('submit', (e) => submitRating(e, rate));
    } catch (e) {
      box.innerHTML = `<div class="notice error">${escapeHtml(e.message)}</div>`;
    }
  }

  function rateForm(id) {
    return `
      <form data-rate="${id}" data-testid="rate-form" class="row" style="margin-top:6px">
        <label style="margin:0"><input type="checkbox" name="solved" checked data-testid="rate-solved"> 问题已解决</label>
        <label style="margin:0"><input type="checkbox" name="satisfied" checked data-testid="rate-satisfied"> 满意</label>
        <input name="comment" placeholder="评价意见（可选）" data-testid="rate-comment">
        <button type="submit" class="primary" data-testid="rate-submit">评价</button>
        <span class="error-text" data-testid="rate-error"></span>
      </form>`;
  }

  async function submitRating(event, rate) {
    event.preventDefault();
    try {
      await api(`/api/cases/${encodeURIComponent(rate.dataset.rate)}/rate`, {
        method: 'POST', body: { solved: rate.solved.checked, satisfied: rate.satisfied.checked, comment: rate.comment.value.trim() || null },
      });
      toast('感谢您的评价', 'ok');
      loadMine();
    } catch (e) {
      rate.querySelector('[data-testid=rate-error]').textContent = e.message;
    }
  }

  // ---- The public feed of official replies (GET /api/feed), newest first.
  let next = null;
  async function loadFeed(more = false) {
    const box = page.querySelector('[data-testid=feed]');
    try {
      const query = new URLSearchParams({ limit: '20' });
      if (more && next) query.set('before', next);
      const feed = await api(`/api/feed?${query}`, { anonymous: true });
      const html = feed.items.map((item) => `
        <div class="post" data-testid="feed-item" data-case="${item.caseId}">
          <div class="muted" style="font-size:12px">${escapeHtml(item.topic ?? item.category)} · ${escapeHtml(dir.regionName(item.regionCode))} · ${dateTime(item.repliedAt)} · ${STATE[item.state] ?? item.state}</div>
          <p>${escapeHtml(item.complaint)}</p>
          <div class="reply"><strong>${escapeHtml(item.account.displayName ?? dir.accountName(item.account.id))}：</strong><span data-testid="feed-reply">${escapeHtml(item.reply)}</span></div>
          ${item.rating ? `<div class="muted" style="font-size:12px">市民评价：${item.rating.satisfied ? '满意' : '不满意'}</div>` : ''}
        </div>`).join('');
      if (more) box.insertAdjacentHTML('beforeend', html);
      else box.innerHTML = html || '<div class="empty" data-testid="feed-empty">暂无公开回复</div>';
      next = feed.next;
      page.querySelector('[data-testid=feed-more]').hidden = !next;
    } catch (e) {
      box.innerHTML = `<div class="notice error">${escapeHtml(e.message)}</div>`;
    }
  }
  page.querySelector('[data-testid=feed-more]').addEventListener('click', () => loadFeed(true));
  loadFeed();
  loadMine();
  setInterval(() => { if (!document.hidden) { loadFeed(); loadMine(); } }, 15000);
}
