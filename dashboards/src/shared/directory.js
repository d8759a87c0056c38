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
      const parent = region.parentCode && region.level !== 'district' ? r.get(region.parentCode) : null;
      return parent && region.level === 'community' ? `${parent.name} ${region.name}` : region.name;
    },
  };
}
