// Settings (tenant admins): the tenant's currency conversion table — what one unit of another currency
// is worth in the tenant's own currency; totals across currencies (e.g. the review's amounts) use it.
import * as api from '../api.js';
import { t, fmtDateTime } from '../i18n.js';
import { h, add, field, form, section, notify } from '../ui.js';
import { pageHeader } from './common.js';

export async function page(main) {
  add(main, pageHeader(t('settings.title')));
  const current = await api.get('/currency-rates');
  const rows = h('div.rate-rows#currency-rates');
  const addRow = (rate = {}) => rows.append(rateRow(rate, current.currency));
  current.items.forEach(addRow);
  const more = h('button#add-rate', { type: 'button', onclick: () => { addRow(); renumber(rows); rows.lastElementChild.querySelector('input').focus(); } },
    t('settings.addRate'));
  const f = form({
    id: 'currency-form', submitLabel: t('common.save'), fields: [rows], extra: more,
    onSubmit: async () => {
      renumber(rows);
      const rates = [...rows.children].map(row => ({
        currency: row.querySelector('[name$=".currency"]').value.trim().toUpperCase(),
        rate: numberOrText(row.querySelector('[name$=".rate"]').value.trim()),
      }));
      const saved = await api.put('/currency-rates', { rates });
      rows.replaceChildren();
      saved.items.forEach(addRow);
      renumber(rows);
      notify(t('settings.saved'));
    },
  });
  renumber(rows);
  add(main, section(t('settings.currencies'),
    h('p.help', t('settings.currenciesHelp', { currency: current.currency })),
    current.items.length ? h('p.help', t('settings.updated', { at: fmtDateTime(current.items.map(r => r.updatedAt).sort().pop()) })) : null,
    f));
}

/** One rate: the currency's code and what one unit of it is worth in the tenant's currency; removable. */
function rateRow(rate, base) {
  const row = h('div.rate-row',
    field({ name: 'rates[0].currency', label: t('settings.currency'), value: rate.currency || '', required: true,
      attrs: { maxlength: 3, autocapitalize: 'characters', pattern: '[A-Za-z]{3}', size: 4 } }),
    field({ name: 'rates[0].rate', label: t('settings.rate', { currency: base }), type: 'number', value: rate.rate ?? '', required: true,
      attrs: { min: 0, step: 'any' } }));
  row.append(h('button.small.remove-rate', { type: 'button', onclick: () => { const rows = row.parentElement; row.remove(); renumber(rows); } },
    t('settings.removeRate')));
  return row;
}

/** Names rows rates[0] … rates[n-1] in their order, so that the server's field errors land on the right row. */
function renumber(rows) {
  [...rows.children].forEach((row, i) => row.querySelectorAll('[data-field]').forEach(slot => {
    const name = slot.dataset.field.replace(/^rates\[\d+\]/, `rates[${i}]`);
    slot.dataset.field = name;
    slot.querySelector('input').name = name;
  }));
}

function numberOrText(value) {
  return value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
}
