import { api, ApiError } from '../shared/api.js';
import { frame, toast } from '../shared/layout.js';
import { connectHub } from '../shared/hub.js';
import { loadDirectory } from '../shared/directory.js';
import { hasRole } from '../shared/session.js';
import { ACTION, ACTIVITY, SENTIMENT, STATE, URGENCY } from '../shared/i18n.js';
import { countdown, dateTime, escapeHtml, fromLocalInput, localInput, slaState } from '../shared/format.js';

// What each action needs (src/Api/Cases: POST /api/cases/{id}/<key> with actingAccountId and these fields).
const FORWARDABLE = ['Received', 'Returned', 'Reopened', 'Forwarded', 'Accepted', 'InProgress'];
const ACTIONS = [
  { key: 'accept', label: '签收', states: ['Forwarded', 'Reopened'], holder: true, activity: 'accepting', fields: [] },
  { key: 'start', label: '开始办理', states: ['Accepted'], holder: true, activity: 'viewing', fields: [] },
  { key: 'reply', label: '回复', states: ['Accepted', 'InProgress'], holder: true, activity: 'replying',
    fields: [{ name: 'text', label: '公开回复（将在公开栏目展示给市民）', type: 'textarea' }] },
  { key: 'close', label: '办结', states: ['Replied'], holder: true, activity: 'closing', fields: [{ name: 'note', label: '办结说明（可选）', type: 'textarea' }] },
  { key: 'forward', label: '转办', states: FORWARDABLE, activity: 'forwarding',
    fields: [{ name: 'toAccountId', label: '转办单位', type: 'account' }, { name: 'deadline', label: '办理期限', type: 'datetime', initial: (c) => c.deadline ?? plusDays(7) },
      { name: 'reason', label: '转办理由（已转办的案件再次转办时必填）', type: 'textarea' }] },
  { key: 'return', label: '退回', states: ['Forwarded', 'Accepted'], holder: true, activity: 'returning',
    fields: [{ name: 'reason', label: '退回原因（为何不属本单位办理）', type: 'textarea' }] },
  { key: 'extension-request', label: '申请延期', states: ['Forwarded', 'Accepted', 'InProgress'], holder: true, activity: 'extending',
    fields: [{ name: 'until', label: '延期至', type: 'datetime', initial: (c) => plusDays(3, c.deadline) }, { name: 'reason', label: '延期理由', type: 'textarea' }] },
  { key: 'extension-decision', label: '审批延期', when: (c) => !!c.pendingExtensionUntil, activity: 'extending',
    fields: [{ name: 'approve', label: '审批结果', type: 'approve' }, { name: 'reason', label: '审批意见', type: 'textarea' }] },
];

function plusDays(days, from) {
  return new Date((from ? new Date(from).getTime() : Date.now()) + days * 86400000).toISOString();
}

const shell = frame({ title: '办件工作台', roles: ['officer', 'supervisor'] });
if (shell) start(shell);

async function start({ user, page }) {
  const dir = await loadDirectory();
  const supervisor = hasRole(user, 'supervisor');
  const state = { account: user.accountIds[0] ?? null, scope: 'own', items: [], current: null, caseId: caseIdFromPath(), viewers: [] };

  page.innerHTML = `
    <div class="grid2">
      <section class="panel" data-testid="inbox">
        <div class="row" style="justify-content: space-between">
          <h2>收件箱 <span class="muted" data-testid="inbox-total"></span></h2>
          <span class="muted" data-testid="hub-status"></span>
        </div>
        <div class="row">
          <select data-testid="account-select" ${user.accountIds.length > 1 ? '' : 'disabled'}>
            ${user.accountIds.map((id) => `<option value="${id}">${escapeHtml(dir.accountName(id))}</option>`).join('')}
          </select>
          ${supervisor ? '<select data-testid="scope-select"><option value="own">本单位</option><option value="subtree">本单位及下级</option></select>' : ''}
          <button data-testid="refresh">刷新</button>
        </div>
        <p class="muted" style="font-size:12px">按办理期限排序；倒计时颜色：<span class="sla-Ok">正常</span> / <span class="sla-Warning">已用 80% 时限</span> / <span class="sla-Breached">超期</span></p>
        <div data-testid="inbox-list"></div>
      </section>
      <section class="panel" data-testid="case-detail"><div class="empty">请从左侧选择一个案件</div></section>
    </div>
    <datalist id="accounts-list">${[...dir.accounts.values()].filter((a) => a.active).map((a) => `<option value="${a.id}">${escapeHtml(a.displayName)}</option>`).join('')}</datalist>`;

  const list = page.querySelector('[data-testid=inbox-list]');
  const detail = page.querySelector('[data-testid=case-detail]');
  page.querySelector('[data-testid=account-select]').addEventListener('change', (e) => { state.account = e.target.value; loadInbox(); });
  page.querySelector('[data-testid=scope-select]')?.addEventListener('change', (e) => { state.scope = e.target.value; loadInbox(); });
  page.querySelector('[data-testid=refresh]').addEventListener('click', () => loadInbox());

  // Presence: who else has this case open, and changes made by others.
  const hubStatus = page.querySelector('[data-testid=hub-status]');
  const hub = connectHub('/hubs/cases', {
    onStatus: (s) => { hubStatus.textContent = { connected: '● 实时', reconnecting: '○ 重连中…', disconnected: '○ 离线', unavailable: '○ 实时不可用' }[s]; },
    onReconnected: () => watch(state.caseId),
  });
  hub.connection.on('presence', (p) => {
    if (p.caseId !== state.caseId) return;
    state.viewers = p.viewers;
    renderPresence();
  });
  hub.connection.on('caseChanged', (change) => {
    if (change.caseId !== state.caseId) return;
    const others = change.events.filter((e) => e.actorUserId !== user.id);
    if (others.length) {
      const e = others[others.length - 1];
      const viewer = state.viewers.find((v) => v.userId === e.actorUserId);
      const who = e.actorUserId === 'system' ? '系统' : `${viewer?.name ?? e.actorUserId}（${dir.accountName(e.actorAccountId)}）`;
      const notice = detail.querySelector('[data-testid=case-changed]');
      if (notice) {
        notice.hidden = false;
        notice.textContent = `${who} 刚刚对此案件进行了“${ACTION[e.action] ?? e.action}”，已为您刷新。`;
      }
      loadCase(state.caseId, { keepNotice: true });
    }
    loadInbox();
  });

  async function watch(caseId) {
    if (!caseId || !(await hub.started) || !hub.isConnected()) return;
    try {
      state.viewers = await hub.connection.invoke('Watch', caseId);
      renderPresence();
    } catch (e) {
      console.warn('presence', e);
    }
  }

  async function activity(name) {
    if (state.caseId && hub.isConnected()) await hub.connection.invoke('Activity', state.caseId, name).catch(() => {});
  }

  function renderPresence() {
    const box = detail.querySelector('[data-testid=presence]');
    if (!box) return;
    const others = state.viewers.filter((v) => v.userId !== user.id);
    box.hidden = others.length === 0;
    box.textContent = others.length
      ? `注意：${others.map((v) => `${v.name}（${ACTIVITY[v.activity] ?? v.activity}）`).join('、')} 也打开了此案件。`
      : '';
  }

  async function loadInbox() {
    if (!state.account) {
      list.innerHTML = '<div class="empty">您没有所属单位。</div>';
      return;
    }
    try {
      const query = new URLSearchParams({ accountId: state.account, scope: state.scope, limit: '200' });
      const inbox = await api(`/api/inbox?${query}`);
      state.items = inbox.items;
      page.querySelector('[data-testid=inbox-total]').textContent = `（${inbox.total} 件）`;
      renderInbox();
    } catch (e) {
      list.innerHTML = `<div class="notice error">${escapeHtml(e.message)}</div>`;
    }
  }

  function renderInbox() {
    if (!state.items.length) {
      list.innerHTML = '<div class="empty" data-testid="inbox-empty">暂无待办案件</div>';
      return;
    }
    list.innerHTML = state.items.map((c) => `
      <div class="inbox-row sla-bar-${c.slaState} ${c.id === state.caseId ? 'selected' : ''}" data-testid="inbox-row" data-case="${c.id}">
        <div class="row" style="justify-content: space-between">
          <strong>${escapeHtml(c.topic ?? c.category)}</strong>
          <span class="countdown" data-testid="countdown" data-deadline="${c.deadline ?? ''}" data-start="${c.forwardedAt ?? c.receivedAt}"></span>
        </div>
        <div class="preview">${escapeHtml(c.text)}</div>
        <div class="muted row" style="font-size:12px">
          <span class="tag">${STATE[c.state] ?? c.state}</span>
          <span>${escapeHtml(dir.regionName(c.regionCode))}</span>
          ${state.scope === 'subtree' ? `<span>· ${escapeHtml(dir.accountName(c.accountId))}</span>` : ''}
          ${c.urgency !== 'Normal' ? `<span class="sla-Breached">${URGENCY[c.urgency] ?? c.urgency}</span>` : ''}
          <span>${c.id}</span>
        </div>
      </div>`).join('');
    for (const row of list.querySelectorAll('[data-case]')) row.addEventListener('click', () => select(row.dataset.case));
    tick();
  }

  // One timer moves every countdown on the page; the colour follows the SLA state as time passes.
  function tick() {
    for (const node of page.querySelectorAll('[data-deadline]')) {
      const deadline = node.dataset.deadline || null;
      const sla = slaState(node.dataset.start, deadline);
      node.textContent = countdown(deadline);
      node.className = `countdown sla-${sla}`;
      node.dataset.sla = sla;
      node.closest('.inbox-row')?.classList.remove('sla-bar-Ok', 'sla-bar-Warning', 'sla-bar-Breached', 'sla-bar-None');
      node.closest('.inbox-row')?.classList.add(`sla-bar-${sla}`);
    }
  }
  setInterval(tick, 1000);
  setInterval(() => { if (!document.hidden) loadInbox(); }, 15000);

  async function select(caseId) {
    if (state.caseId && state.caseId !== caseId && hub.isConnected()) await hub.connection.invoke('Leave', state.caseId).catch(() => {});
    state.caseId = caseId;
    state.viewers = [];
    history.replaceState(null, '', `/workbench/${encodeURIComponent(caseId)}`);
    for (const row of list.querySelectorAll('[data-case]')) row.classList.toggle('selected', row.dataset.case === caseId);
    await loadCase(caseId);
    await watch(caseId);
  }

  async function loadCase(caseId, { keepNotice = false } = {}) {
    const notice = keepNotice ? detail.querySelector('[data-testid=case-changed]')?.textContent : '';
    try {
      state.current = await api(`/api/cases/${encodeURIComponent(caseId)}`);
    } catch (e) {
      detail.innerHTML = `<div class="notice error" data-testid="case-error">${escapeHtml(e.message)}</div>`;
      return;
    }
    renderCase(state.current);
    if (notice) {
      const box = detail.querySelector('[data-testid=case-changed]');
      box.hidden = false;
      box.textContent = notice;
    }
    renderPresence();
  }

  function actingFor(c) {
    return user.accountIds.includes(c.accountId) ? c.accountId : state.account;
  }

  function renderCase(c) {
    const mine = user.accountIds.includes(c.accountId);
    const available = ACTIONS.filter((a) => (a.when ? a.when(c) : a.states.includes(c.state)) && (!a.holder || mine));
    detail.innerHTML = `
      <div class="notice warn" data-testid="presence" hidden></div>
      <div class="notice" data-testid="case-changed" hidden></div>
      <div class="row" style="justify-content: space-between">
        <h2>案件 ${c.id} <span class="tag" data-testid="case-state">${STATE[c.state] ?? c.state}</span></h2>
        ${['Closed', 'Rated', 'Merged'].includes(c.state)
          ? `<span class="muted" data-testid="case-countdown">${c.closedAt ? `办结于 ${dateTime(c.closedAt)}` : ''}</span>`
          : `<span data-deadline="${c.deadline ?? ''}" data-start="${c.forwardedAt ?? c.receivedAt}" data-testid="case-countdown"></span>`}
      </div>
      <div class="facts">
        <div><span class="muted">承办单位</span> ${escapeHtml(dir.accountName(c.accountId))}</div>
        <div><span class="muted">首接单位</span> ${escapeHtml(dir.accountName(c.firstReceiverId))}</div>
        <div><span class="muted">类别</span> ${escapeHtml(c.category)}${c.topic ? ` / ${escapeHtml(c.topic)}` : ''}</div>
        <div><span class="muted">区域</span> ${escapeHtml(dir.regionName(c.regionCode))}</div>
        <div><span class="muted">紧急程度</span> ${URGENCY[c.urgency] ?? c.urgency}</div>
        <div><span class="muted">办理期限</span> ${dateTime(c.deadline)}</div>
        <div><span class="muted">受理时间</span> ${dateTime(c.receivedAt)}</div>
        ${c.pendingExtensionUntil ? `<div><span class="muted">延期申请</span> 至 ${dateTime(c.pendingExtensionUntil)}：${escapeHtml(c.pendingExtensionReason)}</div>` : ''}
        ${c.supervisionLevel ? `<div><span class="muted">督办</span> ${c.supervisionLevel} 级</div>` : ''}
      </div>
      <h3>诉求</h3>
      <p data-testid="case-text">${escapeHtml(c.text)}</p>
      ${c.publicReply ? `<h3>公开回复</h3><p data-testid="case-reply">${escapeHtml(c.publicReply)}</p>` : ''}
      <h3>原帖与语义分析</h3>
      <div data-testid="posts">${(c.posts ?? []).map(renderPost).join('') || '<div class="muted">（人工受理，无原帖）</div>'}</div>
      <h3>操作</h3>
      <div class="row" data-testid="actions">
        ${available.map((a) => `<button data-action="${a.key}" data-testid="action-${a.key}">${a.label}</button>`).join('') || '<span class="muted">当前状态下您没有可执行的操作。</span>'}
      </div>
      <form data-testid="action-form" hidden></form>
      <h3>办理时间线</h3>
      <ol class="timeline" data-testid="timeline">${c.timeline.map(renderEvent).join('')}</ol>`;
    for (const button of detail.querySelectorAll('[data-action]')) {
      button.addEventListener('click', () => openAction(c, ACTIONS.find((a) => a.key === button.dataset.action)));
    }
    tick();
  }

  function renderPost(p) {
    const sentiment = SENTIMENT[p.sentiment] ?? p.sentiment;
    const places = (p.placeCodes ?? []).map((code) => `<span class="tag">${escapeHtml(dir.regionName(code))}</span>`).join('');
    return `
      <div class="post" data-testid="post">
        <div class="muted" style="font-size:12px">${escapeHtml(p.authorName ?? p.authorId)} · ${escapeHtml(p.platform)} · ${dateTime(p.createdAt)}</div>
        <p>${escapeHtml(p.text)}</p>
        <div class="nlp" data-testid="nlp">
          <span class="tag">类别：${escapeHtml(p.category)} ${Math.round(p.categoryScore * 100)}%</span>
          ${p.topic ? `<span class="tag">主题：${escapeHtml(p.topic)}</span>` : ''}
          <span class="tag ${p.sentiment}">情感：${sentiment}（${p.sentimentScore.toFixed(2)}，愤怒 ${p.anger.toFixed(2)}）</span>
          <span class="tag">${p.isComplaint ? '投诉' : '非投诉'} ${Math.round(p.complaintScore * 100)}%</span>
          <span class="tag">${URGENCY[p.urgency] ?? p.urgency}</span>
          ${places ? `<span class="muted">地点：</span>${places}` : ''}
          ${(p.keywords ?? []).length ? `<div class="muted" style="font-size:12px">关键词：${p.keywords.map(escapeHtml).join('、')}</div>` : ''}
        </div>
      </div>`;
  }

  function renderEvent(e) {
    const actor = e.actorUserId === 'system' ? '系统' : e.actorAccountId ? `${dir.accountName(e.actorAccountId)}（${e.actorUserId}）` : `市民 ${e.actorUserId}`;
    return `
      <li data-testid="timeline-entry" data-action="${e.action}">
        <span class="muted">${dateTime(e.at)}</span>
        <strong>${ACTION[e.action] ?? e.action}</strong>
        <span>${escapeHtml(actor)}</span>
        ${e.targetAccountId && e.action !== 'Open' ? `→ ${escapeHtml(dir.accountName(e.targetAccountId))}` : ''}
        ${e.deadline ? `<span class="muted">期限 ${dateTime(e.deadline)}</span>` : ''}
        ${e.reason ? `<div class="muted">${escapeHtml(e.reason)}</div>` : ''}
      </li>`;
  }

  function openAction(c, action) {
    const form = detail.querySelector('[data-testid=action-form]');
    form.hidden = false;
    form.dataset.action = action.key;
    form.innerHTML = `
      <h3>${action.label}</h3>
      ${action.fields.map((f) => fieldHtml(f, c)).join('')}
      <div class="row" style="margin-top:10px">
        <button class="primary" type="submit" data-testid="action-submit">确认${action.label}</button>
        <button type="button" data-testid="action-cancel">取消</button>
      </div>
      <div class="error-text" data-testid="action-error" role="alert"></div>`;
    activity(action.activity);
    form.querySelector('[data-testid=action-cancel]').addEventListener('click', () => {
      form.hidden = true;
      activity('viewing');
    });
    form.onsubmit = async (event) => {
      event.preventDefault();
      const body = { actingAccountId: actingFor(c) };
      for (const f of action.fields) {
        const input = form.elements[f.name];
        if (f.type === 'datetime') body[f.name] = fromLocalInput(input.value);
        else if (f.type === 'approve') body[f.name] = input.value === 'true';
        else if (f.type === 'account') body[f.name] = accountIdOf(input.value.trim());
        else body[f.name] = input.value.trim() || null;
      }
      const submit = form.querySelector('[data-testid=action-submit]');
      submit.disabled = true;
      try {
        await api(`/api/cases/${encodeURIComponent(c.id)}/${action.key}`, { method: 'POST', body });
        toast(`${action.label}成功`, 'ok');
        activity('viewing');
        await loadCase(c.id);
        await loadInbox();
      } catch (e) {
        form.querySelector('[data-testid=action-error]').textContent = e instanceof ApiError ? e.message : `操作失败：${e.message}`;
        submit.disabled = false;
      }
    };
    form.querySelector('textarea, input, select')?.focus();
  }

  function accountIdOf(text) {
    if (!text || dir.accounts.has(text)) return text || null;
    return [...dir.accounts.values()].find((a) => a.displayName === text)?.id ?? text;
  }

  function fieldHtml(f, c) {
    const id = `f-${f.name}`;
    if (f.type === 'textarea') return `<label for="${id}">${f.label}</label><textarea id="${id}" name="${f.name}" data-testid="field-${f.name}"></textarea>`;
    if (f.type === 'datetime') {
      return `<label for="${id}">${f.label}（北京时间）</label><input id="${id}" name="${f.name}" type="datetime-local" data-testid="field-${f.name}" value="${localInput(new Date(f.initial(c)))}">`;
    }
    if (f.type === 'account') {
      return `<label for="${id}">${f.label}（输入单位名称或编号）</label><input id="${id}" name="${f.name}" list="accounts-list" data-testid="field-${f.name}" style="width:100%">`;
    }
    if (f.type === 'approve') {
      return `<label for="${id}">${f.label}</label><select id="${id}" name="${f.name}" data-testid="field-${f.name}"><option value="true">批准</option><option value="false">驳回</option></select>`;
    }
    return '';
  }

  await loadInbox();
  if (state.caseId) await select(state.caseId);
}

function caseIdFromPath() {
  const match = location.pathname.match(/^\/workbench\/([^/]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}
