// Leads: the list (with score and grade when the tenant enabled lead-scoring), filters, the focus
// list, a new lead, and one lead's detail: status history, behaviour history, score factors, convert.
import * as api from '../api.js';
import { t, fmtDate, fmtDateTime, fmtNumber, fmtPercent, i18n, today } from '../i18n.js';
import { h, add, clear, field, form, table, pager, section, facts, dialog, notify, loading, showErrors, values } from '../ui.js';
import { session, hasPlugin, userName, canWrite } from '../session.js';
import { pageHeader, activities, leadStatus, activityType, badge } from './common.js';
import { customAttributes, customFields, customFacts, ownerField, sharedField, editableDetails, createValues } from './edit.js';

const STATUSES = ['new', 'contacted', 'mql', 'sql', 'converted', 'disqualified'];
const OPEN_STATUSES = ['new', 'contacted', 'mql', 'sql', 'disqualified'];
const GRADES = ['A', 'B', 'C', 'D'];
const SCORING = 'lead-scoring';

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

function tabs(current) {
  if (!hasPlugin(SCORING)) {
    return null;
  }
  return h('nav.tabs', { 'aria-label': t('lead.views') },
    h('a', { href: '#/leads', 'aria-current': current === 'all' ? 'page' : null }, t('lead.all')),
    h('a#tab-focus', { href: '#/leads?view=focus', 'aria-current': current === 'focus' ? 'page' : null }, t('lead.focus')));
}

export async function list(main, params, query) {
  const scoring = hasPlugin(SCORING);
  add(main, pageHeader(t('lead.title'), canWrite() ? h('a.button.primary#new-lead', { href: '#/leads/new' }, t('lead.new')) : null));
  if (scoring && query.get('view') === 'focus') {
    add(main, tabs('focus'));
    await focus(main);
    return;
  }
  add(main, tabs('all'));
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

/** The focus list: the top share of the caller's open leads by score (lead-scoring's GET focus). */
async function focus(main) {
  const box = h('div#focus-list', loading());
  add(main, box);
  const answer = await api.get(`/plugins/${SCORING}/focus`);
  const shown = answer.items.slice(0, 100);
  const leads = await Promise.all(shown.map(i => api.get(`/leads/${i.leadId}`).catch(() => null)));
  const rows = shown.map((item, i) => ({ ...leads[i], id: item.leadId, status: item.status,
    score: { total: item.total, grade: item.grade }, name: leads[i]?.name || item.leadId })).filter(r => r.name);
  clear(box,
    h('p', t('lead.focusText', { share: fmtPercent(answer.share, 0), open: fmtNumber(answer.openLeads), shown: fmtNumber(answer.items.length) })),
    table({ caption: t('lead.focus'), columns: leadColumns(true), rows, empty: t('lead.focusEmpty') }));
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
  const scoring = hasPlugin(SCORING);
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
    scoring ? [t('score.total'), lead.score ? h('span', fmtNumber(lead.score.total, 1), ' ', gradeCell(lead)) : t('score.none')] : null,
    ...customFacts(definitions, lead.custom),
  ]), canWrite() && lead.status !== 'converted' ? statusForm(lead) : null] }));

  if (scoring) {
    add(main, await scorePanel(lead));
  }
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

/** lead-scoring's explanation of one lead: behaviour by rule and history, matched fit rules, model factors. */
async function scorePanel(lead) {
  let s;
  try {
    s = await api.get(`/plugins/${SCORING}/leads/${lead.id}/score`);
  } catch (e) {
    return section(t('score.title'), h('p.notice.info', e.message));
  }
  const shown = v => (v === null || v === undefined ? '' : ` = ${/^-?\d+(\.\d+)?$/.test(String(v)) ? fmtNumber(v, 2) : v}`);
  const factor = f => h('li', `${f.attribute}${shown(f.value)} (${f.effect > 0 ? '+' : ''}${fmtNumber(f.effect, 3)})`);
  return section(t('score.title'), h('div#score-panel',
    facts([[t('score.total'), fmtNumber(s.total, 1)], [t('score.grade'), s.grade], [t('score.behavior'), fmtNumber(s.behavior?.score, 1)],
      [t('score.fit'), fmtNumber(s.fit?.score, 1)], [t('score.predicted'), s.predicted ? fmtPercent(s.predicted.probability) : t('score.noModel')]]),
    h('h3', t('score.byRule')),
    table({ caption: t('score.byRule'), rows: s.behavior?.byRule || [], empty: t('score.noBehaviour'), columns: [
      { label: t('score.rule'), value: r => r.rule }, { label: t('score.points'), value: r => fmtNumber(r.decayed, 1), cls: 'num' },
      { label: t('score.counted'), value: r => fmtNumber(r.counted), cls: 'num' }, { label: t('score.capped'), value: r => (r.capped ? t('common.yes') : t('common.no')) }] }),
    h('h3', t('score.fitRules')),
    s.fit?.matched?.length ? h('ul', s.fit.matched.map(m => h('li', `${m.rule} (${m.field}): +${fmtNumber(m.weight, 1)}`))) : h('p.empty', t('score.noFit')),
    s.predicted ? [h('h3', t('score.raisedBy')), h('ul', s.predicted.raisedBy.map(factor)), h('h3', t('score.loweredBy')), h('ul', s.predicted.loweredBy.map(factor))] : null,
    h('h3', t('score.history')),
    table({ caption: t('score.history'), rows: s.behavior?.history || [], empty: t('score.noBehaviour'), columns: [
      { label: t('activity.occurredAt'), value: r => fmtDateTime(r.at) }, { label: t('activity.type'), value: r => activityType(r.activityType) },
      { label: t('score.rule'), value: r => r.rule }, { label: t('score.points'), value: r => fmtNumber(r.points, 1), cls: 'num' },
      { label: t('score.pointsNow'), value: r => fmtNumber(r.pointsNow, 1), cls: 'num' }] })));
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
