import { api, ApiError } from '../shared/api.js';
import { frame } from '../shared/layout.js';
import { homeOf, me, pagesFor, save } from '../shared/session.js';
import { ROLE } from '../shared/i18n.js';
import { escapeHtml } from '../shared/format.js';
import { loadDirectory } from '../shared/directory.js';

const DEMO = [
  ['wzyc', '问政银川值班员', '督办·办件'], ['xingqing', '兴庆区督查室', '督办·办件'], ['heating1', '热力公司客服', '办件'],
  ['street1', '凤凰北街街道网格员', '办件'], ['broadcaster', '市应急广播员', '应急广播'], ['xingqing-broadcaster', '兴庆区应急广播员', '应急广播'],
  ['citizen1', '市民张先生', '市民'], ['admin', '系统管理员', '管理员'],
];

const params = new URLSearchParams(location.search);
const user = me();
const shell = frame({ title: user ? '首页' : '登录', optional: true });

if (user) {
  shell.page.innerHTML = `
    <div class="login" style="grid-template-columns: 1fr">
      <section class="panel">
        <h2>欢迎，${escapeHtml(user.name)}</h2>
        <p class="muted">角色：${user.roles.map((r) => ROLE[r] ?? r).join('、')}<span data-testid="my-accounts"></span></p>
        <div class="cards" data-testid="page-cards">
          ${pagesFor(user).map((p) => `<a class="card" href="${p.path}" data-testid="card-${p.path.slice(1)}"><strong>${p.title}</strong><span class="muted">${p.note}</span></a>`).join('')}
        </div>
      </section>
    </div>`;
  if (user.accountIds.length) {
    loadDirectory().then((dir) => {
      shell.page.querySelector('[data-testid=my-accounts]').textContent = `；代表单位：${user.accountIds.map(dir.accountName).join('、')}`;
    });
  }
} else {
  shell.page.innerHTML = `
    <div class="login">
      <form class="panel" data-testid="login-form" autocomplete="on">
        <h2>登录 CityMatrix</h2>
        ${params.get('expired') ? '<div class="notice warn">登录已过期，请重新登录。</div>' : ''}
        <label for="username">用户名</label>
        <input id="username" name="username" data-testid="username" required autocomplete="username">
        <label for="password">密码</label>
        <input id="password" name="password" type="password" data-testid="password" required autocomplete="current-password">
        <button class="primary" type="submit" data-testid="login-submit">登录</button>
        <div class="error-text" data-testid="login-error" role="alert"></div>
      </form>
      <section class="panel">
        <h2>演示账号</h2>
        <p class="muted">点击一行填入用户名；密码 cm-demo-2026（admin 为 cm-admin-2026）。不登录也可以打开 <a href="/citizen">市民服务</a> 查看公开回复。</p>
        <table class="demo-users"><tbody>
          ${DEMO.map(([id, name, role]) => `<tr data-user="${id}" style="cursor:pointer"><td>${id}</td><td>${name}</td><td>${role}</td></tr>`).join('')}
        </tbody></table>
      </section>
    </div>`;
  const form = shell.page.querySelector('form');
  for (const row of shell.page.querySelectorAll('tr[data-user]')) {
    row.addEventListener('click', () => {
      form.username.value = row.dataset.user;
      form.password.value = row.dataset.user === 'admin' ? 'cm-admin-2026' : 'cm-demo-2026';
    });
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = form.querySelector('[data-testid=login-error]');
    error.textContent = '';
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const { accessToken } = await api('/api/auth/login', { method: 'POST', body: { username: form.username.value.trim(), password: form.password.value }, anonymous: true });
      const profile = await fetch('/api/auth/me', { headers: { Authorization: `Bearer ${accessToken}` } }).then((r) => r.json());
      save(accessToken, profile);
      const next = params.get('next');
      location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(profile));
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : `登录失败：${e.message}`;
      button.disabled = false;
    }
  });
}
