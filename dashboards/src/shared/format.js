// Times in Beijing time (UTC+8) whatever the browser's zone; durations as the workbench counts them down.
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});
const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export function dateTime(value) {
  return value ? DATE_TIME.format(new Date(value)) : '—';
}

export function clock(value) {
  return value ? TIME.format(new Date(value)) : '—';
}

/** "2天03:15:09" style, for |ms|. */
export function duration(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const h = String(Math.floor((total % 86400) / 3600)).padStart(2, '0');
  const m = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const s = String(total % 60).padStart(2, '0');
  return `${days > 0 ? `${days}天` : ''}${h}:${m}:${s}`;
}

/** The SLA state now: 80 % of the time from forwarding to the deadline used is a warning, past the deadline a breach. */
export function slaState(start, deadline, now = Date.now()) {
  if (!deadline) return 'None';
  const end = new Date(deadline).getTime();
  if (now >= end) return 'Breached';
  const begin = new Date(start).getTime();
  return end > begin && (now - begin) / (end - begin) >= 0.8 ? 'Warning' : 'Ok';
}

/** Remaining time as Chinese text: "剩余 03:12:00" or "超期 01:00:00". */
export function countdown(deadline, now = Date.now()) {
  if (!deadline) return '无期限';
  const left = new Date(deadline).getTime() - now;
  return left >= 0 ? `剩余 ${duration(left)}` : `超期 ${duration(left)}`;
}

export function percent(value) {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A datetime-local input's value for a Date, in Beijing time. */
export function localInput(date) {
  const shifted = new Date(date.getTime() + 8 * 3600 * 1000);
  return shifted.toISOString().slice(0, 16);
}

/** A datetime-local value (Beijing time) as an ISO time with +08:00. */
export function fromLocalInput(value) {
  return value ? `${value.length === 16 ? `${value}:00` : value}+08:00` : null;
}

/** CAP times: seconds, an explicit offset, never "Z". */
export function capTime(date) {
  return `${localInput(date)}:${String(date.getUTCSeconds()).padStart(2, '0')}+08:00`;
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
