// The signed-in user: the bearer token and /api/auth/me, kept in sessionStorage (per tab, gone when the tab closes).
const TOKEN = 'cm.token';
const ME = 'cm.me';

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function me() {
  const raw = sessionStorage.getItem(ME);
  return raw ? JSON.parse(raw) : null;
}

export function save(accessToken, user) {
  sessionStorage.setItem(TOKEN, accessToken);
  sessionStorage.setItem(ME, JSON.stringify(user));
}

export function clear() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(ME);
}

export function hasRole(user, ...roles) {
  return !!user && roles.some((r) => user.roles.includes(r));
}

/** The pages a user may open, in the order the navigation shows them. */
export const PAGES = [
  { path: '/workbench', title: '办件工作台', roles: ['officer', 'supervisor'], note: '收件箱、案件详情、签收回复办结' },
  { path: '/screen', title: '数据大屏', roles: ['supervisor', 'admin'], note: '实时指标、趋势、排名、热点' },
  { path: '/console', title: '应急广播', roles: ['broadcaster'], note: '编写预警、圈定区域、查看送达' },
  { path: '/citizen', title: '市民服务', roles: null, note: '投诉、公开回复、评价、区域预警' },
];

export function pagesFor(user) {
  return PAGES.filter((p) => p.roles === null || hasRole(user, ...p.roles));
}

/** The page a user lands on after signing in. */
export function homeOf(user) {
  const pages = pagesFor(user);
  return pages.length ? pages[0].path : '/citizen';
}
