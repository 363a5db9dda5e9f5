// A small component layer: an element builder, labelled form fields with their error slots, tables,
// a pager, dialogs and notices. Everything is built with DOM calls (no innerHTML of data), so no text
// from the API can become markup.
import { t } from './i18n.js';

/** h('tag.class#id', {attr, onclick}, ...children): children are nodes, strings, numbers, arrays or null. */
export function h(selector, attrs, ...children) {
  const [, tag, rest] = selector.match(/^([a-z0-9-]+)(.*)$/i);
  const el = document.createElement(tag);
  (rest.match(/[.#][^.#]+/g) || []).forEach(part => {
    if (part[0] === '.') {
      el.classList.add(part.slice(1));
    } else {
      el.id = part.slice(1);
    }
  });
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === null || v === undefined || v === false) {
      return;
    }
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'class') {
      String(v).split(/\s+/).filter(Boolean).forEach(c => el.classList.add(c));
    } else if (k === 'value' && 'value' in el) {
      el.value = v;
    } else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden' || k === 'required') {
      el[k] = Boolean(v);
      if (v && k !== 'checked' && k !== 'selected') {
        el.setAttribute(k, '');
      }
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else {
      el.setAttribute(k, v === true ? '' : v);
    }
  });
  append(el, children);
  return el;
}

function append(el, children) {
  children.flat(Infinity).forEach(c => {
    if (c === null || c === undefined || c === false) {
      return;
    }
    el.append(c instanceof Node ? c : String(c));
  });
}

/** Appends children to el, skipping null, undefined and false (Element.append would write "null"). */
export function add(el, ...children) {
  append(el, children);
  return el;
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let fieldSeq = 0;

/**
 * A labelled field with an error slot tied to it by aria-describedby.
 * spec: {name, label, type (text|email|tel|number|date|datetime-local|select|textarea|checkbox|file),
 *        value, required, options: [[value, label]], help, attrs}
 */
export function field(spec) {
  const id = `f-${spec.name.replace(/[^\w-]/g, '_')}-${++fieldSeq}`;
  const errorId = `${id}-error`;
  const helpId = spec.help ? `${id}-help` : null;
  const common = {
    id, name: spec.name, required: spec.required, 'aria-describedby': [helpId, errorId].filter(Boolean).join(' '),
    ...spec.attrs,
  };
  let input;
  if (spec.type === 'select') {
    input = h('select', common, spec.options.map(([v, label]) => h('option', { value: v, selected: String(spec.value ?? '') === String(v) }, label)));
  } else if (spec.type === 'textarea') {
    input = h('textarea', { ...common, rows: spec.rows || 3 });
    input.value = spec.value ?? '';
  } else if (spec.type === 'checkbox') {
    input = h('input', { ...common, type: 'checkbox', checked: Boolean(spec.value) });
  } else {
    input = h('input', { ...common, type: spec.type || 'text', value: spec.value ?? '' });
  }
  const wrapper = h(`div.field${spec.type === 'checkbox' ? '.check' : ''}`, { dataset: { field: spec.name } },
    spec.type === 'checkbox' ? [input, h('label', { for: id }, spec.label)] : [h('label', { for: id }, spec.label, spec.required ? h('span.req', { 'aria-hidden': 'true' }, ' *') : null), input],
    spec.help ? h('p.help', { id: helpId }, spec.help) : null,
    h('p.field-error', { id: errorId, hidden: true }));
  wrapper.input = input;
  return wrapper;
}

/** The values of a form's named inputs: '' becomes absent, numbers become numbers, checkboxes booleans. */
export function values(form) {
  const out = {};
  form.querySelectorAll('input[name], select[name], textarea[name]').forEach(input => {
    if (input.type === 'checkbox') {
      out[input.name] = input.checked;
    } else if (input.type === 'file') {
      out[input.name] = input.files[0] || null;
    } else if (input.value.trim() !== '') {
      out[input.name] = input.type === 'number' ? Number(input.value) : input.value.trim();
    }
  });
  return out;
}

/** Shows an API error on a form: field errors next to their fields, the rest in the form's alert. */
export function showErrors(form, error) {
  clearErrors(form);
  const alert = form.querySelector('.form-alert');
  const unplaced = [];
  (error.fieldErrors || []).forEach(e => {
    const slot = findField(form, e.field);
    if (slot) {
      const p = slot.querySelector('.field-error');
      p.hidden = false;
      p.textContent = p.textContent ? `${p.textContent}; ${e.message}` : e.message;
      slot.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
    } else {
      unplaced.push(`${e.field}: ${e.message}`);
    }
  });
  const firstInvalid = form.querySelector('[aria-invalid="true"]');
  if (alert) {
    const summary = error.fieldErrors?.length ? t('form.invalid') : (error.message || t('error.generic'));
    clear(alert, summary, unplaced.length ? h('ul', unplaced.map(u => h('li', u))) : null);
    alert.hidden = false;
  }
  (firstInvalid || alert)?.focus();
}

function findField(form, name) {
  // The API names fields by JSON path (config.earlyDays, contacts[2].email): the longest known prefix wins.
  const parts = String(name).split('.');
  for (let i = parts.length; i > 0; i--) {
    const slot = form.querySelector(`[data-field="${CSS.escape(parts.slice(0, i).join('.'))}"]`);
    if (slot) {
      return slot;
    }
  }
  return null;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach(p => { p.hidden = true; p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
  const alert = form.querySelector('.form-alert');
  if (alert) {
    alert.hidden = true;
    alert.replaceChildren();
  }
}

/** A form with an alert region, the fields, and a submit button; onSubmit(values, form) may throw an ApiError. */
export function form({ fields, submitLabel, onSubmit, cls = '', extra = null, id }) {
  const submit = h('button.primary', { type: 'submit' }, submitLabel);
  const el = h(`form${cls ? '.' + cls : ''}`, { novalidate: true, id },
    h('div.form-alert', { role: 'alert', tabindex: '-1', hidden: true }),
    fields, extra, h('div.actions', submit));
  el.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(el);
    submit.disabled = true;
    try {
      await onSubmit(values(el), el);
    } catch (e) {
      showErrors(el, e);
    } finally {
      submit.disabled = false;
    }
  });
  return el;
}

/** A table with a caption; columns: [{label, value: row => node|string, cls}] */
export function table({ caption, columns, rows, empty, id, cls }) {
  if (!rows.length) {
    return h('p.empty', { id }, empty || t('list.empty'));
  }
  return h('div.table-wrap', { id },
    h(`table${cls ? '.' + cls : ''}`,
      caption ? h('caption.sr-only', caption) : null,
      h('thead', h('tr', columns.map(c => h('th', { scope: 'col', class: c.cls }, c.label)))),
      h('tbody', rows.map(r => h('tr', columns.map((c, i) => h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.cls, 'data-label': c.label }, c.value(r))))))));
}

export function pager({ page, size, total, onPage }) {
  const pages = Math.max(1, Math.ceil(total / size));
  return h('nav.pager', { 'aria-label': t('list.pages') },
    h('button', { type: 'button', disabled: page <= 0, onclick: () => onPage(page - 1) }, t('list.previous')),
    h('span', { 'aria-live': 'polite' }, t('list.pageOf', { page: page + 1, pages, total })),
    h('button', { type: 'button', disabled: page >= pages - 1, onclick: () => onPage(page + 1) }, t('list.next')));
}

export function loading() {
  return h('p.loading', { role: 'status' }, t('common.loading'));
}

export function errorBox(error) {
  return h('div.error-box', { role: 'alert' }, error?.message || t('error.generic'));
}

/** A modal dialog (native <dialog>: focus is trapped, Escape closes). Resolves with the button's value or null. */
export function dialog({ title, body, actions }) {
  return new Promise(resolve => {
    const titleId = `dlg-${++fieldSeq}`;
    const d = h('dialog.dialog', { 'aria-labelledby': titleId },
      h('h2', { id: titleId }, title),
      h('div.dialog-body', body),
      h('div.actions', actions.map(a => h(`button${a.primary ? '.primary' : ''}`, {
        type: 'button', value: a.value,
        // An action with a handler closes the dialog only when the handler says so (e.g. a form it sent was accepted).
        onclick: async event => {
          if (!a.handler) {
            d.close(a.value);
            return;
          }
          event.currentTarget.disabled = true;
          const button = event.currentTarget;
          try {
            if (await a.handler()) {
              d.close(a.value);
            }
          } finally {
            button.disabled = false;
          }
        },
      }, a.label))));
    d.addEventListener('close', () => {
      d.remove();
      resolve(d.returnValue && d.returnValue !== 'cancel' ? d.returnValue : null);
    });
    document.body.append(d);
    d.showModal();
    d.querySelector('button.primary')?.focus();
  });
}

export async function confirm({ title, message, confirmLabel }) {
  return (await dialog({
    title, body: h('p', message),
    actions: [{ label: t('common.cancel'), value: 'cancel' }, { label: confirmLabel || t('common.confirm'), value: 'ok', primary: true }],
  })) === 'ok';
}

/** A short notice in the live region. */
export function notify(message, kind = 'info') {
  const region = document.getElementById('notices');
  if (!region) {
    return;
  }
  const note = h(`p.notice.${kind}`, message);
  region.append(note);
  setTimeout(() => note.remove(), 6000);
}

export function link(href, text, attrs = {}) {
  return h('a', { href, ...attrs }, text);
}

export function section(title, ...children) {
  const id = `s-${++fieldSeq}`;
  return h('section.panel', { 'aria-labelledby': id }, h('h2', { id }, title), children);
}

/** A definition list of [label, value] pairs; empty values shown as a dash. */
export function facts(pairs) {
  return h('dl.facts', pairs.filter(Boolean).map(([k, v]) => [h('dt', k), h('dd', v === null || v === undefined || v === '' ? '—' : v)]));
}
