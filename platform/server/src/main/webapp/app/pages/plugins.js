// Plugins (tenant admins): each plugin the plan allows, enabled or not, its pinned version, its
// configuration as a form generated from the plugin's JSON Schema, and its failed event deliveries.
import * as api from '../api.js';
import { t, fmtDateTime, fmtNumber } from '../i18n.js';
import { h, add, clear, field, form, table, section, notify, showErrors } from '../ui.js';
import { refreshPlugins } from '../session.js';
import { pageHeader, badge } from './common.js';

export async function page(main) {
  add(main, pageHeader(t('plugins.title')), h('p', t('plugins.intro')));
  const [list, dead] = await Promise.all([api.get('/plugins'), api.get('/plugins/events/dead-letters', { size: 200 }).catch(() => ({ items: [] }))]);
  if (!list.items.length) {
    add(main, h('p.empty', t('plugins.none')));
  }
  list.items.forEach(p => add(main, card(p, dead.items.filter(d => d.pluginId === p.id))));
}

function card(p, deadLetters) {
  const id = `plugin-${p.id}`;
  const body = h('div');
  const el = h('section.panel.plugin', { id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, p.name || p.id, ' ', p.enabled ? badge('ok', t('plugins.enabled')) : badge('off', t('plugins.disabled'))),
    p.description ? h('p', p.description) : null,
    h('p.help', t('plugins.meta', { id: p.id, version: p.version || '—', edition: p.edition || '—' })),
    body);
  if (!p.allowed) {
    body.append(h('p.notice.info', t('plugins.notAllowed')));
    return el;
  }
  const versions = [['', t('plugins.newest')], ...p.availableVersions.map(v => [v, v])];
  const configFields = schemaFields(p.configSchema || {}, p.config || {}, 'config');
  const f = form({
    id: `${id}-form`, submitLabel: t('common.save'),
    fields: [
      field({ name: 'enabled', label: t('plugins.enable'), type: 'checkbox', value: p.enabled }),
      field({ name: 'version', label: t('plugins.version'), type: 'select', value: p.pinned ? p.version : '', options: versions }),
      configFields.length ? h('fieldset.config', h('legend', t('plugins.config')), configFields) : h('p.help', t('plugins.noConfig')),
    ],
    onSubmit: async (v, formEl) => {
      let config;
      try {
        config = readConfig(formEl, p.configSchema || {}, 'config');
      } catch (e) {
        showErrors(formEl, e);
        return;
      }
      const changed = await api.put(`/plugins/${encodeURIComponent(p.id)}`, { enabled: v.enabled, version: v.version || null, config });
      notify(t('plugins.saved', { name: changed.name || changed.id }));
      await refreshPlugins();
      // The navigation and the screens follow the tenant's plugins at once.
      document.dispatchEvent(new CustomEvent('fupan:redraw'));
    },
  });
  body.append(f);
  body.append(h('h3', t('plugins.errors')), table({
    caption: t('plugins.errors'), id: `${id}-errors`, rows: deadLetters, empty: t('plugins.noErrors'), columns: [
      { label: t('plugins.failedAt'), value: d => fmtDateTime(d.failedAt) },
      { label: t('plugins.event'), value: d => d.type },
      { label: t('plugins.attempts'), value: d => fmtNumber(d.attempts), cls: 'num' },
      { label: t('plugins.error'), value: d => d.lastError || '' },
      { label: t('common.actions'), value: d => h('button.small', { type: 'button', onclick: async () => {
        await api.post(`/plugins/events/dead-letters/${d.seq}/${encodeURIComponent(d.pluginId)}/replay`);
        notify(t('plugins.replayed'));
      } }, t('plugins.replay')) }] }));
  return el;
}

/**
 * Fields for a JSON Schema object: strings, numbers, integers, booleans and enums as inputs; nested
 * objects with properties as fieldsets; maps and arrays as JSON text (their shape is free-form).
 */
function schemaFields(schema, value, path) {
  const props = schema.properties || {};
  return Object.entries(props).map(([key, s]) => {
    const name = `${path}.${key}`;
    const v = value?.[key];
    const label = s.title || key;
    const help = [s.description, s.default !== undefined ? t('plugins.default', { value: JSON.stringify(s.default) }) : null].filter(Boolean).join(' ');
    const required = (schema.required || []).includes(key);
    if (s.type === 'object' && s.properties) {
      return h('fieldset', { dataset: { field: name } }, h('legend', label), s.description ? h('p.help', s.description) : null,
        schemaFields(s, v || {}, name), h('p.field-error', { hidden: true }));
    }
    if (Array.isArray(s.enum)) {
      return field({ name, label, help, required, type: 'select', value: v ?? '', options: [['', '—'], ...s.enum.map(e => [e, String(e)])] });
    }
    if (s.type === 'boolean') {
      return field({ name, label, help, type: 'checkbox', value: v ?? s.default ?? false });
    }
    if (s.type === 'integer' || s.type === 'number') {
      return field({ name, label, help, required, type: 'number', value: v ?? '', attrs: { min: s.minimum, max: s.maximum, step: s.type === 'integer' ? 1 : 'any' } });
    }
    if (s.type === 'string') {
      return field({ name, label, help, required, value: v ?? '', attrs: { pattern: s.pattern, maxlength: s.maxLength } });
    }
    return field({ name, label, help: `${help} ${t('plugins.json')}`.trim(), required, type: 'textarea', rows: 4, value: v === undefined ? '' : JSON.stringify(v, null, 2), attrs: { spellcheck: 'false', class: 'code' } });
  });
}

/** The config object back from the generated fields; unreadable JSON is a field error. */
function readConfig(formEl, schema, path) {
  const out = {};
  const errors = [];
  Object.entries(schema.properties || {}).forEach(([key, s]) => {
    const name = `${path}.${key}`;
    if (s.type === 'object' && s.properties) {
      const nested = readConfig(formEl, s, name);
      if (Object.keys(nested).length) {
        out[key] = nested;
      }
      return;
    }
    const input = formEl.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!input) {
      return;
    }
    if (input.type === 'checkbox') {
      out[key] = input.checked;
    } else if (input.value.trim() === '') {
      // absent: the plugin's default applies
    } else if (input.tagName === 'TEXTAREA') {
      try {
        out[key] = JSON.parse(input.value);
      } catch (e) {
        errors.push({ field: name, message: t('plugins.badJson', { reason: e.message }) });
      }
    } else if (s.type === 'integer' || s.type === 'number') {
      out[key] = Number(input.value);
    } else {
      out[key] = input.value;
    }
  });
  if (errors.length) {
    throw Object.assign(new Error(t('form.invalid')), { fieldErrors: errors });
  }
  return out;
}
