import { api } from './api.js';

// Names for ids: matrix accounts (GET /api/accounts) and region codes (GET /api/regions), loaded once per page.
let accounts = null;
let regions = null;

export async function loadDirectory() {
  accounts ??= api('/api/accounts', { anonymous: true }).then((list) => new Map(list.map((a) => [a.id, a])));
  regions ??= api('/api/regions', { anonymous: true }).then((list) => new Map(list.map((r) => [r.code, r])));
  const [a, r] = await Promise.all([accounts, regions]);
  return {
    accounts: a,
    regions: r,
    accountName: (id) => (id ? a.get(id)?.displayName ?? id : '—'),
    regionName: (code) => {
      if (!code) return '—';
      const region = r.get(code);
      if (!region) return code;
      // A street with its district, a community with its street: "兴庆区 凤凰北街街道", "凤凰北街街道 崇安社区居委会".
      const parent = region.level === 'street' || region.level === 'community' ? r.get(region.parentCode) : null;
      return parent ? `${parent.name} ${region.name}` : region.name;
    },
  };
}
