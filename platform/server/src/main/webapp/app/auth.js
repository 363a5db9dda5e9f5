// Sign-in with Keycloak: OpenID Connect authorization code flow with PKCE (S256) for the public
// client fupan-web. Tokens live in this module's memory only, never in web storage: a reload signs
// in again through Keycloak's single sign-on (no password asked while its session lasts).
// sessionStorage holds only the PKCE verifier and state across the redirect, and a flag saying this
// tab was signed in, so that a reload goes back through Keycloak instead of the welcome screen.

const PENDING = 'fupan.pkce';
const SIGNED_IN = 'fupan.signedIn';

let config = null;
let tokens = null;
let refreshTimer = null;
let refreshing = null;
let onExpired = () => {};

export class AuthError extends Error {}

export function init(webConfig, expired) {
  config = webConfig;
  onExpired = expired;
}

function endpoint(name) {
  return `${config.keycloakUrl}/realms/${encodeURIComponent(config.realm)}/protocol/openid-connect/${name}`;
}

function redirectUri() {
  return location.origin + location.pathname;
}

function base64url(bytes) {
  let s = '';
  new Uint8Array(bytes).forEach(b => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(length) {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

function claims(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json);
}

/** Whether this tab signed in before (a reload should sign in again without asking). */
export function wasSignedIn() {
  return sessionStorage.getItem(SIGNED_IN) === '1';
}

export function signedIn() {
  return tokens !== null;
}

/** Sends the browser to Keycloak's sign-in page; it comes back to this page with a code. */
export async function signIn(locale) {
  const verifier = randomString(48);
  const state = randomString(16);
  const nonce = randomString(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, returnTo: location.hash }));
  const query = new URLSearchParams({
    client_id: config.clientId, response_type: 'code', response_mode: 'query', scope: 'openid',
    redirect_uri: redirectUri(), state, nonce, code_challenge: challenge, code_challenge_method: 'S256',
    // Keycloak's own messages name Simplified Chinese zh-Hans.
    ui_locales: locale === 'zh-CN' ? 'zh-Hans zh-CN' : locale,
  });
  location.assign(`${endpoint('auth')}?${query}`);
}

/**
 * Finishes a sign-in when Keycloak sent the browser back with a code (or an error): exchanges the
 * code with the PKCE verifier, checks state and nonce. Returns false when this load is no callback.
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) {
    return false;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', location.pathname + (pending?.returnTo || ''));
  if (params.has('error')) {
    throw new AuthError(params.get('error_description') || params.get('error'));
  }
  if (!pending || pending.state !== params.get('state')) {
    throw new AuthError('state');
  }
  const answer = await tokenRequest({
    grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
    code_verifier: pending.verifier, client_id: config.clientId,
  });
  if (!answer.id_token || claims(answer.id_token).nonce !== pending.nonce) {
    throw new AuthError('nonce');
  }
  accept(answer);
  sessionStorage.setItem(SIGNED_IN, '1');
  return true;
}

async function tokenRequest(form) {
  const response = await fetch(endpoint('token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new AuthError(body.error_description || body.error || `HTTP ${response.status}`);
  }
  return body;
}

function accept(answer) {
  const now = Date.now();
  tokens = {
    access: answer.access_token,
    refresh: answer.refresh_token,
    id: answer.id_token || tokens?.id,
    expiresAt: now + answer.expires_in * 1000,
  };
  clearTimeout(refreshTimer);
  // Refresh a minute before the access token expires (at 80 % of a lifetime under two minutes); a
  // failed refresh means the Keycloak session ended, and the page asks to sign in again.
  const lifetime = tokens.expiresAt - now;
  refreshTimer = setTimeout(() => refresh().catch(() => {}), Math.max(5000, lifetime > 120000 ? lifetime - 60000 : lifetime * 0.8));
  document.dispatchEvent(new CustomEvent('fupan:tokens', { detail: { expiresAt: tokens.expiresAt } }));
}

/** Exchanges the refresh token for new tokens; concurrent callers share one exchange. */
export function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      if (!tokens?.refresh) {
        throw new AuthError('signed-out');
      }
      try {
        accept(await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh, client_id: config.clientId }));
      } catch (e) {
        tokens = null;
        clearTimeout(refreshTimer);
        onExpired();
        throw e;
      }
    })().finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** A valid access token, refreshed first when it is about to expire. */
export async function accessToken() {
  if (!tokens) {
    onExpired();
    throw new AuthError('signed-out');
  }
  if (Date.now() > tokens.expiresAt - 5000) {
    await refresh();
  }
  return tokens.access;
}

/** When the access token expires (ms since the epoch), for the session indicator. */
export function expiresAt() {
  return tokens?.expiresAt ?? null;
}

/** Ends the Keycloak session too, then comes back to the welcome screen. */
export function signOut() {
  const idToken = tokens?.id;
  tokens = null;
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(SIGNED_IN);
  const query = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: `${redirectUri()}?signedOut=1` });
  if (idToken) {
    query.set('id_token_hint', idToken);
  }
  location.assign(`${endpoint('logout')}?${query}`);
}
