import './style.css';
import { clear, hasRole, me, pagesFor } from './session.js';
import { ROLE } from './i18n.js';
import { escapeHtml } from './format.js';

/**
 * The page frame: brand, role-aware navigation, who is signed in, sign-out. Returns the element the
 * page draws into. `roles` (optional) are the roles allowed here; others see a notice, the anonymous
 * are sent to sign in (`optional: true` lets the anonymous stay, e.g. the citizen page's public feed).
 */
export function frame({ title, roles = null, optional = false, wide = false }) {
  const user = me();
  const app = document.getElementById('app');
  document.body.classList.toggle('wide', wide);
  const nav = pagesFor(user)
    .map((p) => `<a href="${p.path}" data-testid="nav-${p.path.slice(1)}" class="${location.pathname.startsWith(p.path) ? 'active' : ''}">${p.title}</a>`)
    .join('');
  app.innerHTML = `
    <header class="topbar">
      <a class="brand" href="/">CityMatrix · 问政银川</a>
      <span class="page-title">${escapeHtml(title)}</span>
      <nav data-testid="nav">${nav}</nav>
      <span class="who" data-testid="who">${user
        ? `${escapeHtml(user.name)}<small>${user.roles.map((r) => ROLE[r] ?? r).join('·')}</small> <button class="link" data-testid="logout">退出</button>`
        : '<a href="/" data-testid="login-link">登录</a>'}</span>
    </header>
    <main id="page"></main>`;
  app.querySelector('[data-testid=logout]')?.addEventListener('click', () => {
    clear();
    location.assign('/');
  });
  const page = app.querySelector('#page');
  if (!user && !optional) {
    location.assign(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
    return null;
  }
  if (user && roles && !hasRole(user, ...roles)) {
    page.innerHTML = `<div class="notice error" data-testid="forbidden">您的角色（${user.roles.map((r) => ROLE[r] ?? r).join('、')}）不能使用此页面。</div>`;
    return null;
  }
  return { user, page };
}

/** A short message at the top of the page: kind 'error' | 'ok' | 'info'. */
export function toast(text, kind = 'info') {
  let box = document.getElementById('toasts');
  if (!box) {
    box = document.createElement('div');
    box.id = 'toasts';
    document.body.appendChild(box);
  }
  const item = document.createElement('div');
  item.className = `toast ${kind}`;
  item.dataset.testid = `toast-${kind}`;
  item.textContent = text;
  box.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}
