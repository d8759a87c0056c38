import { clear, token } from './session.js';
import { problemText } from './i18n.js';

/** A refused request: status, the ProblemDetails and a Chinese message for the page. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problemText(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

/**
 * fetch with the bearer token and JSON in and out. 401 on a signed-in request ends the session and goes
 * to the sign-in page; other refusals throw ApiError with the ProblemDetails translated.
 */
export async function api(path, { method = 'GET', body, signal, anonymous = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const bearer = token();
  if (bearer && !anonymous) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  if (response.status === 401 && bearer && !anonymous && !path.startsWith('/api/auth/login')) {
    clear();
    location.assign(`/?next=${encodeURIComponent(location.pathname + location.search)}&expired=1`);
    throw new ApiError(401, null);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : null);
  return data;
}

/** GET that treats 404 (an endpoint not there yet, or nothing found) as "no data" rather than an error. */
export async function optional(path) {
  try {
    return await api(path);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
    throw e;
  }
}
