// Opportunities: the pipeline board (a column per stage with its count and amount; drag a card, or
// use its "Move" button, to change the stage after a confirmation), the list, and one opportunity
// with its stage history as a timeline.
import * as api from '../api.js';
import { t, tn, fmtDate, fmtDateTime, fmtMoney, fmtNumber, stageLabel, i18n } from '../i18n.js';
import { h, add, clear, field, form, table, pager, section, facts, confirm, dialog, notify, loading, values } from '../ui.js';
import { session, stages, userName, canWrite } from '../session.js';
import { pageHeader, activities, badge } from './common.js';
import * as panels from '../panels.js';
import { customAttributes, customFields, customFacts, ownerField, sharedField, recordPicker, editableDetails, createValues } from './edit.js';

const label = key => stageLabel(session.pipeline, key);

function viewTabs(current) {
  return h('nav.tabs', { 'aria-label': t('opportunity.views') },
    h('a#tab-board', { href: '#/opportunities', 'aria-current': current === 'board' ? 'page' : null }, t('opportunity.board')),
    h('a#tab-list', { href: '#/opportunities/list', 'aria-current': current === 'list' ? 'page' : null }, t('opportunity.list')));
}

/** Sums of amounts per currency, shown as "¥1,200 + €300". */
function amountText(items) {
  const sums = new Map();
  items.forEach(o => {
    if (o.amount !== null && o.amount !== undefined) {
      sums.set(o.currency, (sums.get(o.currency) || 0) + Number(o.amount));
    }
  });
  if (!sums.size) {
    return fmtMoney(0, i18n.currency);
  }
  return [...sums].map(([c, v]) => fmtMoney(v, c)).join(' + ');
}

/** Changes the stage after the user confirmed; a stale record (412) reloads the board with a notice. */
async function moveStage(opportunity, target, after) {
  if (target === opportunity.stage) {
    return;
  }
  const ok = await confirm({
    title: t('board.confirmTitle'),
    message: t('board.confirmText', { name: opportunity.name, from: label(opportunity.stage), to: label(target) }),
    confirmLabel: t('board.move'),
  });
  if (!ok) {
    return;
  }
  try {
    await api.patch(`/opportunities/${opportunity.id}`, { stage: target }, opportunity.version);
    notify(t('board.moved', { name: opportunity.name, to: label(target) }));
  } catch (e) {
    notify(e.status === 412 ? t('error.stale') : e.message, 'error');
  }
  await after();
}

async function chooseStage(opportunity, after) {
  const select = field({ name: 'stage', label: t('board.moveTo'), type: 'select', value: opportunity.stage, options: stages().map(s => [s.key, label(s.key)]) });
  const chosen = await dialog({
    title: t('board.moveTitle', { name: opportunity.name }), body: select,
    actions: [{ label: t('common.cancel'), value: 'cancel' }, { label: t('common.next'), value: 'ok', primary: true }],
  });
  if (chosen === 'ok') {
    await moveStage(opportunity, select.input.value, after);
  }
}

export async function board(main, params, query) {
  const q = query.get('q') || '';
  add(main, pageHeader(t('opportunity.title'), newButton()), viewTabs('board'),
    h('form.filters', { role: 'search', onsubmit: e => { e.preventDefault(); const v = values(e.target).q; location.hash = `#/opportunities${v ? '?q=' + encodeURIComponent(v) : ''}`; } },
      field({ name: 'q', label: t('common.search'), type: 'search', value: q }), h('div.actions', h('button', { type: 'submit' }, t('common.apply')))),
    h('p.help', t('board.help')));
  const boardEl = h('div.board#board', { role: 'list', 'aria-label': t('opportunity.board') }, loading());
  add(main, boardEl);
  const reload = () => draw(boardEl, q);
  await reload();
}

async function draw(boardEl, q) {
  const open = await api.all('/opportunities', { closed: false, q, sort: '-amount' }, 5000);
  const closed = await Promise.all(stages().filter(s => s.kind !== 'open').map(async s =>
    [s.key, await api.get('/opportunities', { stage: s.key, q, sort: '-updatedAt', size: 10 })]));
  const closedByStage = new Map(closed);
  const after = () => draw(boardEl, q);
  clear(boardEl, stages().map(s => {
    const isOpen = s.kind === 'open';
    const items = isOpen ? open.items.filter(o => o.stage === s.key) : closedByStage.get(s.key).items;
    const count = isOpen ? items.length : closedByStage.get(s.key).total;
    const headId = `col-${s.key}-head`;
    return h(`div.column.kind-${s.kind}`, { role: 'listitem', 'aria-labelledby': headId, dataset: { stage: s.key } },
      h('header', { id: headId },
        h('h2', label(s.key)),
        h('p.col-stats', h('span.col-count', tn('board.count', count)),
          isOpen ? h('span.col-amount', { dataset: { stage: s.key } }, amountText(items)) : h('span.col-note', t('board.recent')))),
      h('ul.cards', items.map(o => card(o, after))));
  }));
  if (open.items.length < open.total) {
    boardEl.append(h('p.notice.info', t('board.truncated', { shown: fmtNumber(open.items.length), total: fmtNumber(open.total) })));
  }
}

function card(o, after) {
  const el = h('li.card', { dataset: { id: o.id, stage: o.stage } },
    h('a.card-name', { href: `#/opportunities/${o.id}` }, o.name),
    h('p.card-amount', fmtMoney(o.amount, o.currency)),
    h('p.card-meta', userName(o.ownerId), ' · ', t('board.since', { date: fmtDate(o.stageEnteredAt) })),
    canWrite() ? h('button.small.move', { type: 'button', 'aria-label': t('board.moveLabel', { name: o.name }), onclick: () => chooseStage(o, after) }, t('board.move')) : null);
  if (canWrite()) {
    draggable(el, o, after);
  }
  return el;
}

/**
 * Drag with pointer events (mouse, pen and touch alike; HTML5 drag and drop has no touch support):
 * past a few pixels of movement the card follows the pointer, the column under it is highlighted,
 * and releasing over another column asks to confirm the move.
 */
function draggable(el, o, after) {
  el.addEventListener('pointerdown', down => {
    if (down.button !== 0 || down.target.closest('a, button')) {
      return;
    }
    const startX = down.clientX;
    const startY = down.clientY;
    let ghost = null;
    let over = null;
    const columnAt = (x, y) => document.elementsFromPoint(x, y).map(e => e.closest('.column')).find(Boolean) || null;
    const move = e => {
      if (!ghost && Math.hypot(e.clientX - startX, e.clientY - startY) < 6) {
        return;
      }
      if (!ghost) {
        ghost = el.cloneNode(true);
        ghost.classList.add('ghost');
        ghost.setAttribute('aria-hidden', 'true');
        ghost.style.width = `${el.offsetWidth}px`;
        document.body.append(ghost);
        el.classList.add('dragging');
      }
      e.preventDefault();
      ghost.style.transform = `translate(${e.clientX - 20}px, ${e.clientY - 20}px)`;
      const column = columnAt(e.clientX, e.clientY);
      if (column !== over) {
        over?.classList.remove('drop-target');
        over = column;
        over?.classList.add('drop-target');
      }
    };
    const up = async e => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      over?.classList.remove('drop-target');
      if (!ghost) {
        return;
      }
      ghost.remove();
      el.classList.remove('dragging');
      const column = e.type === 'pointerup' ? columnAt(e.clientX, e.clientY) : null;
      if (column && column.dataset.stage !== o.stage) {
        await moveStage(o, column.dataset.stage, after);
      }
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  });
}

export async function list(main, params, query) {
  const state = { q: query.get('q') || '', stage: query.get('stage') || '', sort: query.get('sort') || '-createdAt', page: Number(query.get('page') || 0) };
  const go = next => {
    const q = new URLSearchParams();
    Object.entries(next).forEach(([k, v]) => { if (v) q.set(k, v); });
    location.hash = `#/opportunities/list${q.toString() ? '?' + q : ''}`;
  };
  add(main, pageHeader(t('opportunity.title'), newButton()), viewTabs('list'),
    h('form.filters', { role: 'search', onsubmit: e => { e.preventDefault(); go({ ...values(e.target), page: 0 }); } },
      field({ name: 'q', label: t('common.search'), type: 'search', value: state.q }),
      field({ name: 'stage', label: t('opportunity.stage'), type: 'select', value: state.stage, options: [['', t('common.any')], ...stages().map(s => [s.key, label(s.key)])] }),
      field({ name: 'sort', label: t('common.sort'), type: 'select', value: state.sort, options: [['-createdAt', t('sort.newest')], ['-amount', t('sort.amount')], ['closeDate', t('sort.closeDate')], ['name', t('sort.name')]] }),
      h('div.actions', h('button', { type: 'submit' }, t('common.apply')))));
  const answer = await api.get('/opportunities', { ...state, size: 25 });
  add(main, h('p.count', t('list.total', { total: fmtNumber(answer.total) })),
    table({ caption: t('opportunity.title'), id: 'opportunity-table', rows: answer.items, columns: [
      { label: t('opportunity.name'), value: o => h('a', { href: `#/opportunities/${o.id}` }, o.name) },
      { label: t('opportunity.stage'), value: o => badge(`stage-${o.stage}`, label(o.stage)) },
      { label: t('opportunity.amount'), value: o => fmtMoney(o.amount, o.currency), cls: 'num' },
      { label: t('opportunity.closeDate'), value: o => fmtDate(o.closeDate) },
      { label: t('common.owner'), value: o => userName(o.ownerId) },
      { label: t('common.createdAt'), value: o => fmtDate(o.createdAt) }] }),
    pager({ page: state.page, size: 25, total: answer.total, onPage: p => go({ ...state, page: p }) }));
}

export async function detail(main, { id }) {
  const o = await api.get(`/opportunities/${id}`);
  const reload = () => dispatchEvent(new HashChangeEvent('hashchange'));
  add(main, pageHeader(o.name, canWrite() ? h('button.primary#change-stage', { type: 'button', onclick: () => chooseStage(o, reload) }, t('board.move')) : null),
    h('p.subtitle', badge(`stage-${o.stage}`, label(o.stage)), ' ', fmtMoney(o.amount, o.currency)));
  const account = o.accountId ? await api.get(`/accounts/${o.accountId}`).catch(() => null) : null;
  const definitions = await customAttributes('opportunity');
  add(main, editableDetails({
    title: t('common.details'), record: o, path: `/opportunities/${id}`, canEdit: canWrite(),
    fields: async () => [...opportunityFields(o, account), sharedField(o.shared), ...customFields(definitions, o.custom)],
    onSaved: async () => dispatchEvent(new HashChangeEvent('hashchange')),
    facts: facts([
    [t('opportunity.stage'), label(o.stage)], [t('opportunity.amount'), fmtMoney(o.amount, o.currency)],
    [t('opportunity.account'), account ? h('a', { href: `#/accounts/${account.id}` }, account.name) : null],
    [t('opportunity.closeDate'), fmtDate(o.closeDate)], [t('opportunity.closedAt'), o.closedAt ? fmtDateTime(o.closedAt) : null],
    [t('lead.channel'), o.channel], [t('common.industry'), o.industry], [t('common.region'), o.region],
    [t('common.owner'), userName(o.ownerId)], [t('common.createdAt'), fmtDateTime(o.createdAt)],
    [t('opportunity.lead'), o.leadId ? h('a', { href: `#/leads/${o.leadId}` }, t('opportunity.fromLead')) : null],
    ...customFacts(definitions, o.custom),
  ]) }));
  const history = await api.get(`/opportunities/${id}/history`);
  add(main, section(t('opportunity.history'), h('ol.timeline#stage-history', history.items.map((e, i) => {
    const next = history.items[i + 1];
    const days = (new Date(next ? next.enteredAt : Date.now()) - new Date(e.enteredAt)) / 86400000;
    return h('li', { dataset: { stage: e.stage } },
      h('span.when', fmtDateTime(e.enteredAt)), ' ', badge(`stage-${e.stage}`, label(e.stage)), ' ',
      h('span.who', e.movedById ? userName(e.movedById) : t('common.system')),
      h('span.duration', ` · ${t('opportunity.daysInStage', { days: fmtNumber(days, 1) })}`));
  }))));
  const signals = await api.get(`/opportunities/${id}/signals`);
  if (signals.items.length) {
    add(main, section(t('opportunity.signals'), h('ul.signals#opportunity-signals', signals.items.map(s => h('li',
      { dataset: { level: s.level, plugin: s.pluginId } },
      badge(`signal-${s.level}`, t(`signal.${s.level}`)), ' ', s.reason, ' ',
      h('span.who', `— ${s.pluginId} · ${fmtDateTime(s.updatedAt)}`))))));
  }
  await panels.mountSections(main, 'opportunity-detail', o);
  add(main, activities({ opportunityId: id }, t('opportunity.activities')));
}

function newButton() {
  return canWrite() ? h('a.button.primary#new-opportunity', { href: '#/opportunities/new' }, t('opportunity.new')) : null;
}

/** The fields of an opportunity; the stage picker lists the pipeline's stages in order. */
function opportunityFields(o = {}, account = null) {
  return [
    field({ name: 'name', label: t('opportunity.name'), value: o.name, required: true }),
    recordPicker({ name: 'accountId', label: t('opportunity.account'), path: '/accounts', value: o.accountId, valueLabel: account?.name }),
    field({ name: 'stage', label: t('opportunity.stage'), type: 'select', value: o.stage ?? stages('open')[0]?.key,
      options: stages().map(s => [s.key, label(s.key)]) }),
    field({ name: 'amount', label: t('opportunity.amount'), type: 'number', value: o.amount, attrs: { min: 0, step: '0.01' } }),
    field({ name: 'currency', label: t('opportunity.currency'), value: o.currency ?? i18n.currency, help: t('opportunity.currencyHelp'),
      attrs: { maxlength: 3, autocapitalize: 'characters' } }),
    field({ name: 'closeDate', label: t('opportunity.closeDate'), type: 'date', value: o.closeDate }),
    field({ name: 'channel', label: t('lead.channel'), value: o.channel }),
    field({ name: 'industry', label: t('common.industry'), value: o.industry }),
    field({ name: 'region', label: t('common.region'), value: o.region }),
    ownerField(o.ownerId ?? null),
  ];
}

/** A new opportunity (not only from a converted lead): account, owner and stage are picked. */
export async function create(main, params, query) {
  const accountId = query.get('accountId');
  const account = accountId ? await api.get(`/accounts/${accountId}`).catch(() => null) : null;
  const definitions = await customAttributes('opportunity');
  add(main, pageHeader(t('opportunity.new')), form({
    id: 'opportunity-form', cls: 'grid-form', submitLabel: t('common.create'),
    fields: [...opportunityFields({ accountId: account?.id }, account), ...customFields(definitions)],
    onSubmit: async (v, f) => {
      const o = await api.post('/opportunities', createValues(f));
      notify(t('common.saved'));
      location.hash = `#/opportunities/${o.id}`;
    },
  }));
}
