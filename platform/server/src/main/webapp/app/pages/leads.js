// Leads: the list (with score and grade once the tenant's leads carry scores), filters, the views that
// plugins add to the list (lead-list panels, as tabs), a new lead, and one lead's detail: status
// history, behaviour history, the plugins' sections (lead-detail panels), convert.
import * as api from '../api.js';
import { t, fmtDate, fmtDateTime, fmtNumber, i18n, today } from '../i18n.js';
import { h, add, clear, field, form, table, pager, section, facts, dialog, notify, loading, showErrors, values } from '../ui.js';
import { session, userName, canWrite } from '../session.js';
import { pageHeader, activities, leadStatus, badge } from './common.js';
import * as panels from '../panels.js';
import { customAttributes, customFields, customFacts, ownerField, sharedField, editableDetails, createValues } from './edit.js';

const STATUSES = ['new', 'contacted', 'mql', 'sql', 'converted', 'disqualified'];
const OPEN_STATUSES = ['new', 'contacted', 'mql', 'sql', 'disqualified'];
const GRADES = ['A', 'B', 'C', 'D'];

/**
 * Whether the tenant's leads carry scores (a plugin keeps them through the API's lead scores): only
 * then does the list show, filter and sort by score and grade. Asked at each visit of the list.
 */
async function scored() {
  return (await api.get('/leads', { minScore: 0, size: 1 })).total > 0;
}

function scoreCell(lead) {
  return lead.score ? fmtNumber(lead.score.total, 1) : '—';
}

function gradeCell(lead) {
  return lead.score?.grade ? badge(`grade-${lead.score.grade}`, lead.score.grade) : '—';
}

function leadColumns(scoring) {
  return [
    { label: t('lead.name'), value: l => h('a', { href: `#/leads/${l.id}` }, l.name) },
    { label: t('lead.company'), value: l => l.company || '' },
    { label: t('lead.status'), value: l => leadStatus(l.status) },
    { label: t('lead.channel'), value: l => l.channel || '' },
    scoring ? { label: t('score.total'), value: scoreCell, cls: 'num' } : null,
    scoring ? { label: t('score.grade'), value: gradeCell } : null,
    { label: t('common.owner'), value: l => userName(l.ownerId) },
    { label: t('common.createdAt'), value: l => fmtDate(l.createdAt) },
  ].filter(Boolean);
}

/** The list's views: all leads, then one tab per lead-list panel (#/leads?view=<plugin>.<panel>); none without panels. */
function tabs(current) {
  const views = panels.panelsIn('lead-list');
  if (!views.length) {
    return null;
  }
  return h('nav.tabs', { 'aria-label': t('lead.views') },
    h('a', { href: '#/leads', 'aria-current': current ? null : 'page' }, t('lead.all')),
    views.map(p => h('a', { id: `tab-${p.plugin}-${p.id}`, href: `#/leads?view=${encodeURIComponent(panels.key(p))}`,
      'aria-current': current === p ? 'page' : null }, panels.title(p))));
}

export async function list(main, params, query) {
  add(main, pageHeader(t('lead.title'), canWrite() ? h('a.button.primary#new-lead', { href: '#/leads/new' }, t('lead.new')) : null));
  const view = query.get('view') ? panels.panelsIn('lead-list').find(p => panels.key(p) === query.get('view')) : null;
  if (view) {
    add(main, tabs(view));
    const box = h('div.panel-view');
    add(main, box);
    await panels.mount(box, view, { query });
    return;
  }
  add(main, tabs(null));
  const scoring = await scored();
  const state = {
    q: query.get('q') || '', status: query.get('status') || '', channel: query.get('channel') || '',
    grade: scoring ? query.get('grade') || '' : '', minScore: scoring ? query.get('minScore') || '' : '',
    sort: query.get('sort') || (scoring ? '-score' : '-createdAt'), page: Number(query.get('page') || 0),
  };
  const sorts = [['-createdAt', t('sort.newest')], ['name', t('sort.name')], ['-updatedAt', t('sort.updated')]];
  if (scoring) {
    sorts.unshift(['-score', t('sort.score')]);
  }
  const filters = h('form.filters#lead-filters', { role: 'search', onsubmit: e => { e.preventDefault(); go({ ...values(e.target), page: 0 }); } },
    field({ name: 'q', label: t('common.search'), type: 'search', value: state.q }),
    field({ name: 'status', label: t('lead.status'), type: 'select', value: state.status, options: [['', t('common.any')], ...STATUSES.map(s => [s, t(`lead.status.${s}`)])] }),
    field({ name: 'channel', label: t('lead.channel'), value: state.channel }),
    scoring ? field({ name: 'grade', label: t('score.grade'), type: 'select', value: state.grade, options: [['', t('common.any')], ...GRADES.map(g => [g, g])] }) : null,
    scoring ? field({ name: 'minScore', label: t('score.min'), type: 'number', value: state.minScore, attrs: { min: 0, step: 'any' } }) : null,
    field({ name: 'sort', label: t('common.sort'), type: 'select', value: state.sort, options: sorts }),
    h('div.actions', h('button', { type: 'submit' }, t('common.apply'))));
  add(main, filters);
  const box = h('div', loading());
  add(main, box);

  function go(next) {
    const q = new URLSearchParams();
    Object.entries(next).forEach(([k, v]) => { if (v !== '' && v !== undefined && v !== null && !(k === 'page' && !v)) q.set(k, v); });
    location.hash = `#/leads${q.toString() ? '?' + q : ''}`;
  }

  const answer = await api.get('/leads', {
    q: state.q, status: state.status, channel: state.channel, grade: state.grade, minScore: state.minScore,
    sort: state.sort, page: state.page, size: 25,
  });
  clear(box,
    h('p.count', { id: 'lead-count' }, t('list.total', { total: fmtNumber(answer.total) })),
    table({ caption: t('lead.title'), id: 'lead-table', columns: leadColumns(scoring), rows: answer.items }),
    pager({ page: state.page, size: 25, total: answer.total, onPage: p => go({ ...state, page: p }) }));
}

function leadFields(lead = {}) {
  return [
    field({ name: 'name', label: t('lead.name'), value: lead.name, required: true, attrs: { autocomplete: 'name' } }),
    field({ name: 'company', label: t('lead.company'), value: lead.company, attrs: { autocomplete: 'organization' } }),
    field({ name: 'email', label: t('lead.email'), type: 'email', value: lead.email, attrs: { autocomplete: 'email' } }),
    field({ name: 'phone', label: t('lead.phone'), type: 'tel', value: lead.phone, attrs: { autocomplete: 'tel' } }),
    field({ name: 'channel', label: t('lead.channel'), value: lead.channel, help: t('lead.channelHelp') }),
    field({ name: 'industry', label: t('common.industry'), value: lead.industry }),
    field({ name: 'region', label: t('common.region'), value: lead.region }),
    field({ name: 'employees', label: t('common.employees'), type: 'number', value: lead.employees, attrs: { min: 0, step: 1 } }),
  ];
}

export async function create(main) {
  const definitions = await customAttributes('lead');
  add(main, pageHeader(t('lead.new')));
  add(main, form({
    id: 'lead-form', submitLabel: t('common.create'), fields: [...leadFields(), ownerField(null), ...customFields(definitions)], cls: 'grid-form',
    onSubmit: async (v, f) => {
      const lead = await api.post('/leads', createValues(f));
      notify(t('lead.created', { name: lead.name }));
      location.hash = `#/leads/${lead.id}`;
    },
  }));
}

export async function detail(main, { id }) {
  const lead = await api.get(`/leads/${id}`);
  const convertible = canWrite() && lead.status !== 'converted' && lead.status !== 'disqualified';
  add(main, pageHeader(lead.name,
    convertible ? h('button.primary#convert-lead', { type: 'button', onclick: () => convert(lead) }, t('lead.convert')) : null,
    lead.convertedOpportunityId ? h('a.button#converted-opportunity', { href: `#/opportunities/${lead.convertedOpportunityId}` }, t('lead.openOpportunity')) : null));
  add(main, h('p.subtitle', leadStatus(lead.status), ' ', lead.company || ''));

  const definitions = await customAttributes('lead');
  add(main, editableDetails({
    title: t('common.details'), record: lead, path: `/leads/${id}`, canEdit: canWrite() && lead.status !== 'converted',
    fields: async () => [...leadFields(lead), ownerField(lead.ownerId), sharedField(lead.shared), ...customFields(definitions, lead.custom)],
    onSaved: async () => dispatchEvent(new HashChangeEvent('hashchange')),
    facts: [facts([
    [t('lead.company'), lead.company], [t('lead.email'), lead.email], [t('lead.phone'), lead.phone ? h('a', { href: `tel:${lead.phone}` }, lead.phone) : null],
    [t('lead.channel'), lead.channel], [t('common.industry'), lead.industry], [t('common.region'), lead.region],
    [t('common.employees'), lead.employees === null ? null : fmtNumber(lead.employees)],
    [t('common.owner'), userName(lead.ownerId)], [t('common.createdAt'), fmtDateTime(lead.createdAt)],
    lead.score ? [t('score.total'), h('span', fmtNumber(lead.score.total, 1), ' ', gradeCell(lead))] : null,
    ...customFacts(definitions, lead.custom),
  ]), canWrite() && lead.status !== 'converted' ? statusForm(lead) : null] }));

  await panels.mountSections(main, 'lead-detail', lead);
  const history = await api.get(`/leads/${id}/history`);
  add(main, section(t('lead.history'), h('ol.timeline#lead-history', history.items.map(e => h('li',
    h('span.when', fmtDateTime(e.changedAt)), ' ', leadStatus(e.status), ' ', h('span.who', e.changedById ? userName(e.changedById) : t('common.system')))))));
  add(main, activities({ leadId: id }, t('lead.behaviour')));
}

function statusForm(lead) {
  return form({
    cls: 'inline-form', id: 'lead-status-form', submitLabel: t('lead.changeStatus'),
    fields: [field({ name: 'status', label: t('lead.status'), type: 'select', value: lead.status, options: OPEN_STATUSES.map(s => [s, t(`lead.status.${s}`)]) })],
    onSubmit: async v => {
      await api.patch(`/leads/${lead.id}`, { status: v.status }, lead.version);
      notify(t('common.saved'));
      dispatchEvent(new HashChangeEvent('hashchange'));
    },
  });
}

/** Conversion (L2O): account, contact and opportunity in one transaction; field errors stay in the dialog. */
async function convert(lead) {
  const fields = [
    field({ name: 'opportunityName', label: t('convert.opportunityName'), value: lead.company ? `${lead.company} · ${lead.name}` : lead.name }),
    field({ name: 'accountName', label: t('convert.accountName'), value: lead.company || lead.name }),
    field({ name: 'amount', label: t('opportunity.amount'), type: 'number', attrs: { min: 0, step: '0.01' } }),
    field({ name: 'closeDate', label: t('opportunity.closeDate'), type: 'date', attrs: { min: today() } }),
  ];
  const body = h('form#convert-form', { novalidate: true, onsubmit: e => e.preventDefault() }, h('p', t('convert.text')), h('div.form-alert', { role: 'alert', tabindex: '-1', hidden: true }), fields);
  let result = null;
  await dialog({
    title: t('convert.title', { name: lead.name }), body,
    actions: [{ label: t('common.cancel'), value: 'cancel' }, {
      label: t('lead.convert'), value: 'ok', primary: true,
      handler: async () => {
        try {
          result = await api.post(`/leads/${lead.id}/convert`, values(body));
          return true;
        } catch (e) {
          showErrors(body, e);
          return false;
        }
      },
    }],
  });
  if (result) {
    notify(t('convert.done', { name: result.opportunity.name }));
    location.hash = `#/opportunities/${result.opportunity.id}`;
  }
}
