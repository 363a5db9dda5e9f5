// Plugin UI panels: the screens and sections that enabled plugins contribute (GET /ui/panels), each an
// ES module served from its plugin jar at a versioned URL. The host names no plugin: it mounts what the
// list holds in its slot — `page` (a screen with a navigation entry), `lead-list` (a tab of the lead
// list), `lead-detail` and `opportunity-detail` (sections of a record's detail). A tenant that did not
// enable a plugin gets none of its panels, so the UI never requests its files or shows its texts.
//
// The contract (docs/plugins.md "UI panels"): the module exports `mount(el, ctx)`; it draws into `el`
// and may return (or resolve to) a function the host calls when the panel goes away. `ctx` is made below.
import * as api from './api.js';
import { i18n, t, tMaybe as hostTMaybe, fmtNumber, fmtMoney, fmtPercent, fmtDate, fmtDateTime, stageLabel, today } from './i18n.js';
import { h, add, clear, field, form, table, pager, section, facts, loading, values, notify, dialog, showErrors } from './ui.js';
import { session, userName } from './session.js';
import { pageHeader, badge, leadStatus, activityType } from './pages/common.js';

/** The panels of one slot, in the server's order. */
export function panelsIn(slot) {
  return (session.panels || []).filter(p => p.slot === slot);
}

/** A panel's title in the UI's language (English when it has none in that language). */
export function title(panel) {
  return panel.title[i18n.locale] || panel.title.en;
}

/** The key a route or tab names a panel by: plugin and panel id. */
export function key(panel) {
  return `${panel.plugin}.${panel.id}`;
}

export function find(pluginId, panelId) {
  return (session.panels || []).find(p => p.plugin === pluginId && p.id === panelId) || null;
}

const messages = new Map(); // assets + locale → messages of the plugin

/** A plugin's own messages (ui/i18n/<locale>.json in its jar), English where the locale has none. */
async function pluginMessages(panel) {
  const load = async locale => {
    const at = `${panel.assets}i18n/${locale}.json`;
    if (!messages.has(at)) {
      messages.set(at, fetch(at).then(r => (r.ok ? r.json() : {})).catch(() => ({})));
    }
    return messages.get(at);
  };
  const [own, en] = await Promise.all([load(i18n.locale), i18n.locale === 'en' ? {} : load('en')]);
  return { ...en, ...own };
}

let echartsLoading = null;

/** ECharts from its WebJar, loaded when a panel first asks for it. */
function echarts() {
  if (!echartsLoading) {
    echartsLoading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = session.config.echarts;
      s.onload = () => resolve(window.echarts);
      s.onerror = () => { echartsLoading = null; reject(new Error(t('panel.chartsMissing'))); };
      document.head.append(s);
    });
  }
  return echartsLoading;
}

/** The mounted panels; each is unmounted (its charts disposed, its cleanup called) on the next route. */
let mounted = [];

export function unmountAll() {
  const gone = mounted;
  mounted = [];
  gone.forEach(m => m.unmount());
}

window.addEventListener('resize', () => mounted.forEach(m => m.charts.forEach(c => c.resize())));

function fill(text, params) {
  return params ? text.replace(/\{(\w+)\}/g, (m, name) => (params[name] ?? m)) : text;
}

/** Calls of the plugin's own endpoints (/api/v1/plugins/<id>/<path>) with the signed-in user's token. */
function pluginApi(pluginId) {
  const base = `/plugins/${encodeURIComponent(pluginId)}/`;
  const at = path => base + String(path).replace(/^\/+/, '');
  const call = (path, opts = {}) => api.request(at(path), opts);
  return Object.assign(call, {
    get: (path, query) => api.get(at(path), query),
    post: (path, body) => api.post(at(path), body),
    put: (path, body) => api.put(at(path), body),
    patch: (path, body, version) => api.patch(at(path), body, version),
    del: path => api.request(at(path), { method: 'DELETE' }),
  });
}

/**
 * Mounts `panel` into `el`. `extra` adds what the slot knows: `record` (the lead or opportunity of a
 * detail), `query` (the route's query), `href(query)` (the hash of this panel's route with a query).
 * A panel that fails shows its error in its own box; the rest of the screen stays.
 */
export async function mount(el, panel, extra = {}) {
  el.dataset.panel = key(panel);
  const entry = { charts: [], cleanup: null, unmount() {
    this.charts.forEach(c => c.dispose());
    this.charts = [];
    if (typeof this.cleanup === 'function') {
      try { this.cleanup(); } catch (e) { console.error(e); }
    }
  } };
  mounted.push(entry);
  try {
    const [module, own] = await Promise.all([import(new URL(panel.assets + panel.module, document.baseURI).href), pluginMessages(panel)]);
    const tMaybe = k => own[k] ?? hostTMaybe(k);
    const ctx = {
      plugin: { id: panel.plugin, version: panel.version },
      panel: { id: panel.id, slot: panel.slot, title: title(panel) },
      locale: i18n.locale,
      t: (k, params) => { const text = tMaybe(k); return text === null ? k : fill(text, params); },
      tMaybe,
      api: pluginApi(panel.plugin),
      host: { get: (path, query) => api.get(path, query) },
      fmt: { number: fmtNumber, money: fmtMoney, percent: fmtPercent, date: fmtDate, dateTime: fmtDateTime, today },
      ui: { h, add, clear, field, form, table, pager, section, facts, loading, values, notify, dialog, showErrors, pageHeader, badge, leadStatus, activityType },
      echarts,
      chart: async (target, option) => {
        const lib = await echarts();
        const c = lib.init(target, null, { renderer: 'svg' });
        c.setOption({ textStyle: { fontFamily: 'inherit' }, animation: false, ...option });
        entry.charts.push(c);
        return c;
      },
      user: { id: session.me.user.id, username: session.me.user.username, roles: [...session.me.roles] },
      tenant: session.me.tenant,
      stageLabel: k => stageLabel(session.pipeline, k),
      stages: () => [...(session.pipeline?.stages || [])].sort((a, b) => a.position - b.position),
      userName,
      asset: path => new URL(panel.assets + path, document.baseURI).href,
      query: new URLSearchParams(),
      ...extra,
    };
    if (typeof module.mount !== 'function') {
      throw new Error(t('panel.noMount', { module: panel.module }));
    }
    entry.cleanup = await module.mount(el, ctx);
  } catch (e) {
    if (e instanceof api.ApiError || e?.status) {
      clear(el, h('p.notice.info', e.message));
    } else {
      console.error(e);
      clear(el, h('p.error-box', { role: 'alert' }, t('panel.failed', { title: title(panel), reason: e.message })));
    }
  }
}

/** The sections of a detail slot (lead-detail, opportunity-detail) for `record`, each in its own box. */
export async function mountSections(parent, slot, record) {
  const boxes = panelsIn(slot).map(panel => {
    const box = h('div.panel-box');
    add(parent, section(title(panel), box));
    return [box, panel];
  });
  await Promise.all(boxes.map(([box, panel]) => mount(box, panel, { record })));
}
