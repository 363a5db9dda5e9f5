// Accounts (customers, with parent/subsidiary) and contacts (their people and buying roles).
import * as api from '../api.js';
import { t, fmtDate, fmtDateTime, fmtMoney, fmtNumber, stageLabel, i18n } from '../i18n.js';
import { h, add, field, form, table, pager, section, facts, notify, values } from '../ui.js';
import { session, userName, canWrite } from '../session.js';
import { pageHeader, activities, badge } from './common.js';
import { customAttributes, customFields, customFacts, ownerField, sharedField, recordPicker, editableDetails, createValues } from './edit.js';

const ROLES = ['decision_maker', 'economic_buyer', 'technical_evaluator', 'influencer', 'user', 'champion', 'blocker'];

function listState(query, sort) {
  return { q: query.get('q') || '', sort: query.get('sort') || sort, page: Number(query.get('page') || 0) };
}

function go(base, next) {
  const q = new URLSearchParams();
  Object.entries(next).forEach(([k, v]) => { if (v) q.set(k, v); });
  location.hash = `${base}${q.toString() ? '?' + q : ''}`;
}

function searchForm(base, state, sorts, extra = []) {
  return h('form.filters', { role: 'search', onsubmit: e => { e.preventDefault(); go(base, { ...values(e.target), page: 0 }); } },
    field({ name: 'q', label: t('common.search'), type: 'search', value: state.q }), extra,
    field({ name: 'sort', label: t('common.sort'), type: 'select', value: state.sort, options: sorts }),
    h('div.actions', h('button', { type: 'submit' }, t('common.apply'))));
}

export async function accountList(main, params, query) {
  const state = { ...listState(query, 'name'), industry: query.get('industry') || '', region: query.get('region') || '' };
  add(main, pageHeader(t('account.title'), canWrite() ? h('a.button.primary#new-account', { href: '#/accounts/new' }, t('account.new')) : null),
    searchForm('#/accounts', state, [['name', t('sort.name')], ['-createdAt', t('sort.newest')], ['-annualRevenue', t('sort.revenue')]], [
      field({ name: 'industry', label: t('common.industry'), value: state.industry }),
      field({ name: 'region', label: t('common.region'), value: state.region })]));
  const answer = await api.get('/accounts', { ...state, size: 25 });
  add(main, h('p.count', t('list.total', { total: fmtNumber(answer.total) })),
    table({ caption: t('account.title'), id: 'account-table', rows: answer.items, columns: [
      { label: t('account.name'), value: a => h('a', { href: `#/accounts/${a.id}` }, a.name) },
      { label: t('common.industry'), value: a => a.industry || '' },
      { label: t('common.region'), value: a => a.region || '' },
      { label: t('account.tier'), value: a => a.tier || '' },
      { label: t('common.employees'), value: a => fmtNumber(a.employees), cls: 'num' },
      { label: t('common.owner'), value: a => userName(a.ownerId) }] }),
    pager({ page: state.page, size: 25, total: answer.total, onPage: p => go('#/accounts', { ...state, page: p }) }));
}

function accountFields(a = {}, parent = null) {
  return [
    field({ name: 'name', label: t('account.name'), value: a.name, required: true, attrs: { autocomplete: 'organization' } }),
    field({ name: 'industry', label: t('common.industry'), value: a.industry }),
    field({ name: 'region', label: t('common.region'), value: a.region }),
    field({ name: 'employees', label: t('common.employees'), type: 'number', value: a.employees, attrs: { min: 0, step: 1 } }),
    field({ name: 'annualRevenue', label: t('account.revenue'), type: 'number', value: a.annualRevenue, attrs: { min: 0, step: 'any' } }),
    field({ name: 'tier', label: t('account.tier'), value: a.tier }),
    recordPicker({ name: 'parentId', label: t('account.parent'), path: '/accounts', value: a.parentId, valueLabel: parent?.name, exclude: a.id }),
  ];
}

export async function accountCreate(main) {
  const definitions = await customAttributes('account');
  add(main, pageHeader(t('account.new')), form({
    id: 'account-form', cls: 'grid-form', submitLabel: t('common.create'),
    fields: [...accountFields(), ownerField(null), ...customFields(definitions)],
    onSubmit: async (v, f) => {
      const a = await api.post('/accounts', createValues(f));
      notify(t('common.saved'));
      location.hash = `#/accounts/${a.id}`;
    },
  }));
}

export async function accountDetail(main, { id }) {
  const a = await api.get(`/accounts/${id}`);
  const [parent, children, contacts, opportunities] = await Promise.all([
    a.parentId ? api.get(`/accounts/${a.parentId}`).catch(() => null) : null,
    api.get('/accounts', { parentId: id, size: 50, sort: 'name' }),
    api.get('/contacts', { accountId: id, size: 100, sort: 'name' }),
    api.get('/opportunities', { accountId: id, size: 50, sort: '-createdAt' }),
  ]);
  const definitions = await customAttributes('account');
  add(main, pageHeader(a.name, canWrite() ? h('a.button#new-opportunity', { href: `#/opportunities/new?accountId=${a.id}` }, t('opportunity.new')) : null),
    editableDetails({
      title: t('common.details'), record: a, path: `/accounts/${id}`, canEdit: canWrite(),
      fields: async () => [...accountFields(a, parent), ownerField(a.ownerId), sharedField(a.shared), ...customFields(definitions, a.custom)],
      onSaved: async () => dispatchEvent(new HashChangeEvent('hashchange')),
      facts: facts([
      [t('common.industry'), a.industry], [t('common.region'), a.region], [t('account.tier'), a.tier],
      [t('common.employees'), a.employees === null ? null : fmtNumber(a.employees)],
      [t('account.revenue'), a.annualRevenue === null ? null : fmtMoney(a.annualRevenue)],
      [t('account.parent'), parent ? h('a', { href: `#/accounts/${parent.id}` }, parent.name) : null],
      [t('common.owner'), userName(a.ownerId)], [t('common.createdAt'), fmtDateTime(a.createdAt)],
      ...customFacts(definitions, a.custom)]) }),
    children.items.length ? section(t('account.subsidiaries'), h('ul', children.items.map(c => h('li', h('a', { href: `#/accounts/${c.id}` }, c.name))))) : null,
    section(t('contact.title'),
      table({ caption: t('contact.title'), id: 'account-contacts', rows: contacts.items, columns: contactColumns() }),
      canWrite() ? contactForm(id) : null),
    section(t('opportunity.title'), table({ caption: t('opportunity.title'), rows: opportunities.items, columns: [
      { label: t('opportunity.name'), value: o => h('a', { href: `#/opportunities/${o.id}` }, o.name) },
      { label: t('opportunity.stage'), value: o => badge(`stage-${o.stage}`, stageLabel(session.pipeline, o.stage)) },
      { label: t('opportunity.amount'), value: o => fmtMoney(o.amount, o.currency), cls: 'num' },
      { label: t('common.createdAt'), value: o => fmtDate(o.createdAt) }] })));
}

function roleLabel(role) {
  return role ? t(`contact.role.${role}`) : '';
}

function contactColumns() {
  return [
    { label: t('contact.name'), value: c => h('a', { href: `#/contacts/${c.id}` }, c.name) },
    { label: t('contact.jobTitle'), value: c => c.title || '' },
    { label: t('contact.role'), value: c => roleLabel(c.buyingRole) },
    { label: t('lead.email'), value: c => (c.email ? h('a', { href: `mailto:${c.email}` }, c.email) : '') },
    { label: t('lead.phone'), value: c => (c.phone ? h('a', { href: `tel:${c.phone}` }, c.phone) : '') },
  ];
}

function contactFields(c = {}) {
  return [
    field({ name: 'name', label: t('contact.name'), value: c.name, required: true, attrs: { autocomplete: 'name' } }),
    field({ name: 'title', label: t('contact.jobTitle'), value: c.title }),
    field({ name: 'department', label: t('contact.department'), value: c.department }),
    field({ name: 'email', label: t('lead.email'), type: 'email', value: c.email, attrs: { autocomplete: 'email' } }),
    field({ name: 'phone', label: t('lead.phone'), type: 'tel', value: c.phone, attrs: { autocomplete: 'tel' } }),
    field({ name: 'buyingRole', label: t('contact.role'), type: 'select', value: c.buyingRole, options: [['', '—'], ...ROLES.map(r => [r, roleLabel(r)])] }),
  ];
}

function contactForm(accountId) {
  return h('details.add', h('summary', t('contact.new')), form({
    id: 'contact-form', cls: 'grid-form', submitLabel: t('common.create'),
    fields: contactFields(),
    onSubmit: async (v, f) => {
      const c = await api.post('/contacts', { ...createValues(f), accountId });
      notify(t('common.saved'));
      location.hash = `#/contacts/${c.id}`;
    },
  }));
}

export async function contactList(main, params, query) {
  const state = { ...listState(query, 'name'), buyingRole: query.get('buyingRole') || '' };
  add(main, pageHeader(t('contact.title'), canWrite() ? h('a.button.primary#new-contact', { href: '#/contacts/new' }, t('contact.create')) : null),
    searchForm('#/contacts', state, [['name', t('sort.name')], ['-createdAt', t('sort.newest')]], [
      field({ name: 'buyingRole', label: t('contact.role'), type: 'select', value: state.buyingRole, options: [['', t('common.any')], ...ROLES.map(r => [r, roleLabel(r)])] })]));
  const answer = await api.get('/contacts', { ...state, size: 25 });
  add(main, h('p.count', t('list.total', { total: fmtNumber(answer.total) })),
    table({ caption: t('contact.title'), id: 'contact-table', rows: answer.items, columns: contactColumns() }),
    pager({ page: state.page, size: 25, total: answer.total, onPage: p => go('#/contacts', { ...state, page: p }) }));
}

export async function contactDetail(main, { id }) {
  const c = await api.get(`/contacts/${id}`);
  const [account, manager] = await Promise.all([
    c.accountId ? api.get(`/accounts/${c.accountId}`).catch(() => null) : null,
    c.reportsToId ? api.get(`/contacts/${c.reportsToId}`).catch(() => null) : null,
  ]);
  add(main, pageHeader(c.name), editableDetails({
    title: t('common.details'), record: c, path: `/contacts/${id}`, canEdit: canWrite(),
    fields: async () => [...contactFields(c),
      recordPicker({ name: 'accountId', label: t('opportunity.account'), path: '/accounts', value: c.accountId, valueLabel: account?.name }),
      recordPicker({ name: 'reportsToId', label: t('contact.reportsTo'), path: '/contacts', value: c.reportsToId, valueLabel: manager?.name, exclude: c.id }),
      ownerField(c.ownerId), sharedField(c.shared)],
    onSaved: async () => dispatchEvent(new HashChangeEvent('hashchange')),
    facts: facts([
    [t('contact.jobTitle'), c.title], [t('contact.department'), c.department], [t('contact.role'), roleLabel(c.buyingRole)],
    [t('opportunity.account'), account ? h('a', { href: `#/accounts/${account.id}` }, account.name) : null],
    [t('contact.reportsTo'), manager ? h('a', { href: `#/contacts/${manager.id}` }, manager.name) : null],
    [t('lead.email'), c.email ? h('a', { href: `mailto:${c.email}` }, c.email) : null],
    [t('lead.phone'), c.phone ? h('a', { href: `tel:${c.phone}` }, c.phone) : null],
    [t('common.owner'), userName(c.ownerId)]]) }),
  activities({ contactId: id }, t('contact.activities')));
}

/** A new contact, at an account chosen with the picker (or given by ?accountId=). */
export async function contactCreate(main, params, query) {
  const accountId = query.get('accountId');
  const account = accountId ? await api.get(`/accounts/${accountId}`).catch(() => null) : null;
  add(main, pageHeader(t('contact.create')), form({
    id: 'contact-form', cls: 'grid-form', submitLabel: t('common.create'),
    fields: [...contactFields(),
      recordPicker({ name: 'accountId', label: t('opportunity.account'), path: '/accounts', value: account?.id, valueLabel: account?.name }),
      ownerField(null)],
    onSubmit: async (v, f) => {
      const c = await api.post('/contacts', createValues(f));
      notify(t('common.saved'));
      location.hash = `#/contacts/${c.id}`;
    },
  }));
}
