// Who is signed in, in which tenant, with which roles, enabled plugins and their UI panels; the
// tenant's pipeline; the tenant's people by id. Read once after sign-in (plugins and panels again
// after an admin changes them).
import * as api from './api.js';

export const session = {
  config: null,
  me: null,
  pipeline: null,
  plugins: new Set(),
  /** The UI panels the caller sees (GET /ui/panels): what enabled plugins add to the screens. */
  panels: [],
  users: new Map(),
};

export async function load() {
  session.me = await api.get('/me');
  await refreshPlugins();
  if (session.me.tenant) {
    session.pipeline = await api.get('/pipeline');
    try {
      const users = await api.all('/users', { sort: 'username' }, 2000);
      users.items.forEach(u => session.users.set(u.id, u));
    } catch {
      // Someone who may not list users sees owners by id: the rest of the UI works the same.
    }
  }
}

/**
 * The plugins at work for the tenant: enabled by it (GET /me) and installed on this server (GET
 * /plugins lists only installed ones), and the UI panels they bring for the caller (GET /ui/panels).
 */
export async function refreshPlugins() {
  if (!session.me.tenant) {
    session.plugins = new Set();
    session.panels = [];
    return;
  }
  const [me, installed, panels] = await Promise.all([api.get('/me'), api.get('/plugins'), api.get('/ui/panels')]);
  session.me.plugins = me.plugins;
  const working = new Set(installed.items.filter(p => p.enabled).map(p => p.id));
  session.plugins = new Set(me.plugins.map(p => p.id).filter(id => working.has(id)));
  session.panels = panels.items;
}

export function hasRole(...roles) {
  return roles.some(r => session.me?.roles.includes(r));
}

export const isAdmin = () => hasRole('tenant_admin');
export const canWrite = () => hasRole('tenant_admin', 'sales_manager', 'sales_rep', 'marketing');

export function userName(id) {
  if (!id) {
    return '—';
  }
  const u = session.users.get(id);
  return u ? (u.displayName || u.username) : id.slice(0, 8);
}

/** Stages in pipeline order; open ones first as the pipeline sorts them. */
export function stages(kind) {
  const all = [...(session.pipeline?.stages || [])].sort((a, b) => a.position - b.position);
  return kind ? all.filter(s => s.kind === kind) : all;
}
