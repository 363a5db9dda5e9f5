// The web UI's entry: reads where Keycloak is (/config.json), finishes or starts the sign-in, then
// draws the shell (header, navigation, language switch, sign-out) and routes #/… to the screens.
import * as auth from './auth.js';
import { LOCALES, initialLocale, setLocale, setTenant, t, i18n } from './i18n.js';
import { session, load, isAdmin } from './session.js';
import { h, clear, errorBox } from './ui.js';
import * as panels from './panels.js';
import * as leads from './pages/leads.js';
import * as opportunities from './pages/opportunities.js';
import * as accounts from './pages/accounts.js';
import * as importer from './pages/import.js';
import * as plugins from './pages/plugins.js';
import * as settings from './pages/settings.js';

const root = document.getElementById('app');

/** A plugin's `page` panel: its own screen at #/p/<plugin>/<panel>, drawn by the panel's module. */
async function pluginPage(main, params, query) {
  const panel = panels.find(params.plugin, params.panel);
  const base = `#/p/${encodeURIComponent(panel.plugin)}/${encodeURIComponent(panel.id)}`;
  await panels.mount(main, panel, { query, href: q => `${base}${q && String(q) ? '?' + new URLSearchParams(q) : ''}` });
}

/**
 * Screens: pattern → render(main, params, query). `when` hides a screen (and its nav entry) when false.
 * The `page` panels of the tenant's plugins come after the host's record screens (see navigation()).
 */
const ROUTES = [
  { path: 'leads', nav: 'nav.leads', render: leads.list },
  { path: 'leads/new', render: leads.create },
  { path: 'leads/:id', render: leads.detail },
  { path: 'opportunities', nav: 'nav.opportunities', render: opportunities.board },
  { path: 'opportunities/list', render: opportunities.list },
  { path: 'opportunities/new', render: opportunities.create },
  { path: 'opportunities/:id', render: opportunities.detail },
  { path: 'accounts', nav: 'nav.accounts', render: accounts.accountList },
  { path: 'accounts/new', render: accounts.accountCreate },
  { path: 'accounts/:id', render: accounts.accountDetail },
  { path: 'contacts', nav: 'nav.contacts', render: accounts.contactList },
  { path: 'contacts/new', render: accounts.contactCreate },
  { path: 'contacts/:id', render: accounts.contactDetail },
  { path: 'p/:plugin/:panel', render: pluginPage, when: params => !!panels.find(params.plugin, params.panel) },
  { path: 'import', nav: 'nav.import', render: importer.page, when: isAdmin },
  { path: 'plugins', nav: 'nav.plugins', render: plugins.page, when: isAdmin },
  { path: 'settings', nav: 'nav.settings', render: settings.page, when: isAdmin },
];

let main = null;

function match(hash) {
  const [path, queryString] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  for (const route of ROUTES) {
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) {
      continue;
    }
    const params = {};
    if (pattern.every((p, i) => (p.startsWith(':') ? (params[p.slice(1)] = decodeURIComponent(parts[i])) : p === parts[i]))) {
      if (route.when && !route.when(params)) {
        return null;
      }
      return { route, params, query: new URLSearchParams(queryString || '') };
    }
  }
  return null;
}

async function route(event) {
  if (!main) {
    return;
  }
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    location.replace('#/leads');
    return;
  }
  const found = match(location.hash);
  document.querySelectorAll('nav.main a').forEach(a => {
    const current = found && location.hash.startsWith(a.getAttribute('href'));
    a.toggleAttribute('aria-current', false);
    if (current) {
      a.setAttribute('aria-current', 'page');
    }
  });
  document.querySelector('header.top')?.classList.remove('open');
  if (!found) {
    clear(main, h('h1', t('notFound.title')), h('p', t('notFound.text')));
    document.title = `${t('notFound.title')} · ${t('app.name')}`;
    return;
  }
  panels.unmountAll();
  clear(main);
  main.setAttribute('aria-busy', 'true');
  try {
    await found.route.render(main, found.params, found.query);
  } catch (e) {
    if (!(e instanceof auth.AuthError)) {
      console.error(e);
      main.append(errorBox(e));
    }
  } finally {
    main.removeAttribute('aria-busy');
  }
  const heading = main.querySelector('h1');
  document.title = `${heading ? heading.textContent : ''} · ${t('app.name')}`;
  // After a move to another screen, focus goes to the new content (screen readers announce it, and
  // the keyboard continues from there instead of from the link that was followed).
  if (event?.type === 'hashchange' && document.activeElement?.closest('nav.main, a')) {
    main.focus({ preventScroll: true });
  }
}

function languageSwitch(onChange) {
  const id = 'lang-switch';
  return h('div.lang',
    h('label.sr-only', { for: id }, t('shell.language')),
    h('select', {
      id, onchange: async event => {
        await setLocale(event.target.value, true);
        onChange();
      },
    }, LOCALES.map(l => h('option', { value: l, selected: l === i18n.locale }, t(`lang.${l}`)))));
}

/** The navigation: the host's screens, with the plugins' pages after the record screens (before import and plugins). */
function navigation() {
  const entry = (href, id, text) => h('li', h('a', { href, id }, text));
  const host = ROUTES.filter(r => r.nav && (!r.when || r.when({}))).map(r => [r, entry(`#/${r.path}`, `nav-${r.path}`, t(r.nav))]);
  const pages = panels.panelsIn('page').map(p => entry(`#/p/${encodeURIComponent(p.plugin)}/${encodeURIComponent(p.id)}`,
    `nav-${p.plugin}-${p.id}`, panels.title(p)));
  const at = host.findIndex(([r]) => r.path === 'import' || r.path === 'plugins');
  const items = host.map(([, li]) => li);
  items.splice(at < 0 ? items.length : at, 0, ...pages);
  return h('ul', items);
}

function shell() {
  const me = session.me;
  const nav = h('nav.main', { 'aria-label': t('shell.nav') }, navigation());
  main = h('main#main', { tabindex: '-1' });
  const header = h('header.top',
    h('a.brand', { href: '#/leads' }, t('app.name')),
    h('button.menu', {
      type: 'button', 'aria-expanded': 'false', 'aria-controls': 'main-nav',
      onclick: event => {
        const open = header.classList.toggle('open');
        event.currentTarget.setAttribute('aria-expanded', String(open));
      },
    }, t('shell.menu')),
    h('div.nav-wrap#main-nav', nav,
      h('div.session',
        languageSwitch(() => { draw(); route(); }),
        h('span.who', { title: me.user.username }, me.user.name || me.user.username,
          me.tenant ? h('span.tenant', ` · ${me.tenant.name}`) : null),
        h('button#sign-out', { type: 'button', onclick: () => auth.signOut() }, t('shell.signOut')))));
  const skip = h('a.skip', { href: '#main', onclick: event => { event.preventDefault(); main.focus(); } }, t('shell.skip'));
  clear(root, skip, header, main, h('div#notices', { role: 'status', 'aria-live': 'polite' }));
}

function draw() {
  shell();
}

function welcome(message) {
  const redraw = () => welcome(message);
  clear(root,
    h('header.top', h('span.brand', t('app.name')), h('div.session', languageSwitch(redraw))),
    h('main#main.welcome', { tabindex: '-1' },
      h('h1', t('welcome.title')),
      h('p', t('welcome.text')),
      message ? h('p.notice.info', { role: 'status' }, message) : null,
      h('button.primary#sign-in', { type: 'button', onclick: () => auth.signIn(i18n.locale) }, t('welcome.signIn'))));
  document.title = t('app.name');
  root.removeAttribute('aria-busy');
}

async function start() {
  await setLocale(initialLocale());
  const config = await (await fetch('config.json')).json();
  session.config = config;
  auth.init(config, () => auth.signIn(i18n.locale));
  const query = new URLSearchParams(location.search);
  if (query.has('signedOut')) {
    history.replaceState(null, '', location.pathname);
    welcome(t('welcome.signedOut'));
    return;
  }
  try {
    if (!await auth.completeSignIn() && !auth.signedIn()) {
      if (auth.wasSignedIn()) {
        await auth.signIn(i18n.locale);
      } else {
        welcome();
      }
      return;
    }
  } catch (e) {
    welcome(t('welcome.failed', { reason: e.message }));
    return;
  }
  await load();
  setTenant(session.me.tenant);
  if (!session.me.tenant) {
    clear(root, h('main#main.welcome', h('h1', t('app.name')), h('p', t('operator.text')),
      h('button#sign-out', { type: 'button', onclick: () => auth.signOut() }, t('shell.signOut'))));
    root.removeAttribute('aria-busy');
    return;
  }
  draw();
  root.removeAttribute('aria-busy');
  window.addEventListener('hashchange', route);
  // A screen that changes what the shell shows (the plugins a tenant enabled) asks for a redraw.
  document.addEventListener('fupan:redraw', () => { draw(); route(); });
  await route();
}

start().catch(e => {
  console.error(e);
  clear(root, errorBox(e));
  root.removeAttribute('aria-busy');
});
