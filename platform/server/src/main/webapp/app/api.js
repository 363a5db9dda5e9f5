// The one way the UI calls the API: bearer token, the UI's language, If-Match from a record's
// version, and RFC 9457 problems turned into ApiError (with field errors for forms).
import * as auth from './auth.js';
import { i18n } from './i18n.js';

export class ApiError extends Error {
  constructor(status, body) {
    const problem = body && typeof body === 'object' ? body : { detail: body ? String(body) : undefined };
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors.filter(e => e && e.field) : [];
  }

  /** The problem's slug: the last segment of its type URI (e.g. "lite-edition"). */
  get slug() {
    return (this.problem.type || '').split('/').pop();
  }
}

function url(path, query) {
  let target = `api/v1${path}`;
  if (query) {
    const q = new URLSearchParams();
    Object.entries(query).forEach(([k, v]) => {
      if (v !== undefined && v !== null && v !== '') {
        q.append(k, v);
      }
    });
    const s = q.toString();
    if (s) {
      target += (target.includes('?') ? '&' : '?') + s;
    }
  }
  return target;
}

/**
 * One call. body: an object (sent as JSON) or a File/Blob/string with contentType. A 401 refreshes
 * the tokens once and retries; if that fails the session has ended and the page signs in again.
 */
export async function request(path, { method = 'GET', query, body, version, contentType } = {}) {
  const send = async () => {
    const headers = {
      Authorization: `Bearer ${await auth.accessToken()}`,
      Accept: 'application/json, application/problem+json',
      'Accept-Language': i18n.locale,
    };
    let payload;
    if (body !== undefined) {
      const json = contentType === undefined;
      headers['Content-Type'] = json ? 'application/json' : contentType;
      payload = json ? JSON.stringify(body) : body;
    }
    if (version !== undefined && version !== null) {
      headers['If-Match'] = `"${version}"`;
    }
    return fetch(url(path, query), { method, headers, body: payload });
  };
  let response = await send();
  if (response.status === 401) {
    await auth.refresh();
    response = await send();
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
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return { data, status: response.status, headers: response.headers };
}

export async function get(path, query) {
  return (await request(path, { query })).data;
}

export async function post(path, body, options = {}) {
  return (await request(path, { ...options, method: 'POST', body })).data;
}

export async function patch(path, body, version) {
  return (await request(path, { method: 'PATCH', body, version })).data;
}

export async function put(path, body) {
  return (await request(path, { method: 'PUT', body })).data;
}

/** Every item of a list, page by page (size 500), up to max items. */
export async function all(path, query = {}, max = 5000) {
  const items = [];
  for (let page = 0; ; page++) {
    const answer = await get(path, { ...query, page, size: 500 });
    items.push(...answer.items);
    if (answer.items.length < 500 || items.length >= answer.total || items.length >= max) {
      return { items, total: answer.total };
    }
  }
}
