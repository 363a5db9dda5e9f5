// Editing and creating records: the edit panel of a detail screen (PATCH with If-Match, only the
// fields that changed; a stale version is said plainly and the user reloads), the tenant's custom
// attributes as fields of their type, and pickers for an account, a contact and an owner.
import * as api from '../api.js';
import { t, i18n } from '../i18n.js';
import { h, clear, field, form, notify } from '../ui.js';
import { session } from '../session.js';

const customDefinitions = new Map();

/** The tenant's custom attributes of entity (lead, account, opportunity); read once per page load. */
export async function customAttributes(entity) {
  if (!customDefinitions.has(entity)) {
    customDefinitions.set(entity, api.get('/custom-attributes', { entity }).then(d => d.items).catch(() => []));
  }
  return customDefinitions.get(entity);
}

function customLabel(def) {
  return (i18n.locale === 'zh-CN' ? def.labelZh : def.labelEn) || def.labelEn || def.labelZh || def.key;
}

/** One field per custom attribute, named custom.<key>, its input by the attribute's type. */
export function customFields(definitions, values = {}) {
  return definitions.map(def => {
    const name = `custom.${def.key}`;
    const value = values?.[def.key];
    const spec = { name, label: customLabel(def), value, attrs: { dataset: { custom: def.type } } };
    switch (def.type) {
      case 'number':
        return field({ ...spec, type: 'number', attrs: { ...spec.attrs, step: 'any' } });
      case 'date':
        return field({ ...spec, type: 'date' });
      case 'boolean':
        // Three states: unset, yes, no (a checkbox could not say "unset").
        return field({ ...spec, type: 'select', value: value === true ? 'true' : value === false ? 'false' : '',
          options: [['', '—'], ['true', t('common.yes')], ['false', t('common.no')]] });
      case 'choice':
        return field({ ...spec, type: 'select', options: [['', '—'], ...(def.choices || []).map(c => [c, c])] });
      default:
        return field({ ...spec, type: 'textarea', rows: 2 });
    }
  });
}

/** The owner: a choice among the tenant's people (absent when this user may not list them). */
export function ownerField(value, name = 'ownerId') {
  if (!session.users.size) {
    return null;
  }
  const people = [...session.users.values()].sort((a, b) => (a.displayName || a.username).localeCompare(b.displayName || b.username, i18n.locale));
  // /me names the signed-in user by the identity provider's id; the tenant's people by their own ids.
  const me = people.find(u => u.username === session.me?.user?.username)?.id;
  return field({ name, label: t('common.owner'), type: 'select', value: value ?? me ?? '',
    options: [...(value || me ? [] : [['', t('edit.ownerMe')]]),
      // An owner this user cannot list stays the choice shown (a select would otherwise fall to its first option).
      ...(value && !session.users.has(value) ? [[value, value.slice(0, 8)]] : []),
      ...people.map(u => [u.id, u.displayName || u.username])] });
}

/**
 * A record picker: a search box and a list of the matching records (of path, e.g. /accounts) whose
 * chosen id is the field's value. Two plain labelled controls, so it works with a keyboard, a screen
 * reader and a phone's own select.
 */
export function recordPicker({ name, label, path, value = null, valueLabel = '', required = false, exclude = null }) {
  const wrapper = field({ name, label, type: 'select', required,
    options: [['', '—'], ...(value ? [[value, valueLabel || value]] : [])], value: value ?? '' });
  const select = wrapper.input;
  const searchId = `${select.id}-q`;
  const search = h('input', { id: searchId, type: 'search', autocomplete: 'off', class: 'picker-search',
    'aria-controls': select.id, 'aria-describedby': `${select.id}-count` });
  const count = h('p.help', { id: `${select.id}-count`, 'aria-live': 'polite' });
  let timer = null;
  let asked = 0;
  const find = async () => {
    const ticket = ++asked;
    const query = search.value.trim();
    const answer = await api.get(path, { q: query, size: 20, sort: 'name' });
    if (ticket !== asked) {
      return;
    }
    const chosen = select.value;
    const chosenText = select.selectedOptions[0]?.textContent;
    const items = answer.items.filter(r => r.id !== exclude);
    clear(select, h('option', { value: '' }, '—'),
      chosen && !items.some(r => r.id === chosen) ? h('option', { value: chosen, selected: true }, chosenText) : null,
      items.map(r => h('option', { value: r.id, selected: r.id === chosen }, r.name)));
    count.textContent = t('edit.matches', { shown: items.length, total: answer.total });
    // What the listed matches answer (tests wait for it: the list is redrawn as the user types).
    select.dataset.query = query;
  };
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => find().catch(e => { count.textContent = e.message; }), 250);
  });
  // The first matches are there when the user opens the list, without typing.
  find().catch(() => {});
  wrapper.classList.add('picker');
  wrapper.querySelector('label').after(h('label.sub', { for: searchId }, t('edit.find', { what: label })), search);
  select.before(count);
  return wrapper;
}

/**
 * What the user changed: each named input compared with the record's value; a cleared input is
 * null (the API then clears the field), custom.<key> inputs go into one custom object.
 */
export function changes(formEl, record) {
  const out = {};
  const custom = {};
  formEl.querySelectorAll('input[name], select[name], textarea[name]').forEach(input => {
    const name = input.name;
    const isCustom = name.startsWith('custom.');
    const key = isCustom ? name.slice(7) : name;
    const before = isCustom ? record.custom?.[key] : record[name];
    let now;
    if (input.type === 'checkbox') {
      now = input.checked;
    } else if (input.value.trim() === '') {
      now = null;
    } else if (input.type === 'number') {
      now = Number(input.value);
    } else if (input.dataset.custom === 'boolean') {
      now = input.value === 'true';
    } else {
      now = input.value.trim();
    }
    if (!sameValue(before, now)) {
      if (isCustom) {
        custom[key] = now;
      } else {
        out[name] = now;
      }
    }
  });
  if (Object.keys(custom).length) {
    out.custom = custom;
  }
  return out;
}

function sameValue(before, now) {
  if (before === null || before === undefined || now === null) {
    return (before ?? null) === now;
  }
  if (typeof now === 'number') {
    return Number(before) === now;
  }
  return typeof now === 'boolean' ? before === now : String(before) === now;
}

/** The values of a new record's form: empty inputs left out, custom.<key> gathered into custom. */
export function createValues(formEl) {
  const out = changes(formEl, {});
  Object.keys(out).forEach(k => { if (out[k] === null || out[k] === false) delete out[k]; });
  if (out.custom) {
    Object.keys(out.custom).forEach(k => { if (out.custom[k] === null) delete out.custom[k]; });
  }
  return out;
}

/**
 * The Details panel of a record with an Edit button: the form replaces the facts in place. Saving
 * sends only the changes, with If-Match of the version shown; a 412 says someone else saved first
 * and offers to reload; field errors stand next to their fields.
 */
export function editableDetails({ title, facts, record, path, fields, canEdit, onSaved }) {
  const id = `s-details`;
  const body = h('div.details-body', facts);
  const editButton = canEdit ? h('button#edit-record', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'edit-form' }, t('edit.edit')) : null;
  const panel = h('section.panel', { 'aria-labelledby': id },
    h('div.panel-head', h('h2', { id }, title), editButton), body);
  if (!canEdit) {
    return panel;
  }
  const close = () => {
    clear(body, facts);
    editButton.hidden = false;
    editButton.setAttribute('aria-expanded', 'false');
    editButton.focus();
  };
  editButton.addEventListener('click', async () => {
    const formEl = form({
      id: 'edit-form', cls: 'grid-form', submitLabel: t('common.save'),
      fields: await fields(),
      extra: null,
      onSubmit: async (v, f) => {
        const patch = changes(f, record);
        if (!Object.keys(patch).length) {
          notify(t('edit.nothing'));
          close();
          return;
        }
        try {
          const saved = await api.patch(path, patch, record.version);
          notify(t('common.saved'));
          await onSaved(saved);
        } catch (e) {
          if (e.status === 412) {
            staleAlert(f);
            return;
          }
          throw e;
        }
      },
    });
    formEl.querySelector('.actions').append(h('button#cancel-edit', { type: 'button', onclick: close }, t('common.cancel')));
    clear(body, formEl);
    editButton.hidden = true;
    editButton.setAttribute('aria-expanded', 'true');
    formEl.querySelector('input, select, textarea')?.focus();
  });
  return panel;
}

/** The form's alert says the record changed meanwhile, with a button that reloads it. */
function staleAlert(formEl) {
  const alert = formEl.querySelector('.form-alert');
  clear(alert, h('p', t('edit.stale')),
    h('button#reload-record', { type: 'button', onclick: () => dispatchEvent(new HashChangeEvent('hashchange')) }, t('edit.reload')));
  alert.hidden = false;
  alert.classList.add('stale');
  alert.focus();
}

/** The custom attributes' values as [label, text] pairs for a record's facts. */
export function customFacts(definitions, values = {}) {
  return definitions.map(def => {
    const v = values?.[def.key];
    const text = v === null || v === undefined ? null : def.type === 'boolean' ? t(v ? 'common.yes' : 'common.no') : String(v);
    return [customLabel(def), text];
  });
}

/** "Shared with my team": whether the owner's team sees the record too. */
export function sharedField(value) {
  return field({ name: 'shared', label: t('edit.shared'), type: 'checkbox', value: Boolean(value), help: t('edit.sharedHelp') });
}
