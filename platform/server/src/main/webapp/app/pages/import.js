// Import (tenant admins): send a CSV file of IMPORT.md as an asynchronous job, follow its progress,
// and see every rejected line with its column and reason.
import * as api from '../api.js';
import { t, fmtDateTime, fmtNumber, fmtPercent } from '../i18n.js';
import { h, add, clear, field, form, table, section, showErrors } from '../ui.js';
import { pageHeader, badge } from './common.js';

const KINDS = ['accounts', 'contacts', 'leads', 'opportunities', 'stage-history', 'activities', 'quotes'];
const DONE = ['succeeded', 'rejected', 'failed'];
const ERRORS_PER_PAGE = 200;

export async function page(main) {
  add(main, pageHeader(t('import.title')), h('p', t('import.intro')));
  const progressBox = h('div#import-progress', { 'aria-live': 'polite' });
  const resultBox = h('div#import-result');
  const jobsBox = h('div');
  const upload = form({
    id: 'import-form', cls: 'grid-form', submitLabel: t('import.start'),
    fields: [
      field({ name: 'kind', label: t('import.kind'), type: 'select', value: 'leads', options: KINDS.map(k => [k, t(`import.kind.${k}`)]) }),
      field({ name: 'file', label: t('import.file'), type: 'file', required: true, attrs: { accept: '.csv,text/csv' } }),
      field({ name: 'charset', label: t('import.charset'), type: 'select', value: 'utf-8', options: [['utf-8', 'UTF-8'], ['gbk', t('import.gbk')]] }),
      field({ name: 'partial', label: t('import.partial'), type: 'checkbox', help: t('import.partialHelp') }),
    ],
    onSubmit: async (v, f) => {
      if (!v.file) {
        throw Object.assign(new Error(t('import.noFile')), { fieldErrors: [{ field: 'file', message: t('import.noFile') }] });
      }
      clear(resultBox);
      const { data: job } = await api.request(`/import/${v.kind}`, {
        method: 'POST', query: { async: true, partial: v.partial || undefined }, body: v.file, contentType: `text/csv; charset=${v.charset}`,
      });
      await follow(job, progressBox, resultBox);
      await jobs(jobsBox);
    },
  });
  add(main, section(t('import.upload'), upload, progressBox), resultBox, jobsBox);
  await jobs(jobsBox);
}

/** Polls the job until it ends, showing phase and rows done of the total. */
async function follow(job, progressBox, resultBox) {
  for (;;) {
    const fraction = job.rowsTotal ? job.rowsDone / job.rowsTotal : null;
    clear(progressBox,
      h('label', { for: 'import-bar' }, t('import.progress', { status: t(`import.status.${job.status}`), phase: job.phase ? t(`import.phase.${job.phase}`) : '' })),
      h('progress#import-bar', fraction === null ? {} : { max: job.rowsTotal, value: job.rowsDone }),
      h('p.help', t('import.rows', { done: fmtNumber(job.rowsDone), total: fmtNumber(job.rowsTotal), percent: fmtPercent(fraction, 0) })));
    if (DONE.includes(job.status)) {
      showResult(job, resultBox);
      return;
    }
    await new Promise(r => setTimeout(r, 500));
    job = await api.get(`/import/jobs/${job.id}`);
  }
}

function showResult(job, box) {
  const r = job.result;
  const summary = r ? t('import.summary', { accepted: fmtNumber(r.accepted), updated: fmtNumber(r.updated), rejected: fmtNumber(r.rejected) }) : null;
  const errors = r?.errors || [];
  const errorsBox = h('div');
  const showPage = p => clear(errorsBox,
    table({ caption: t('import.errors'), id: 'import-errors', rows: errors.slice(p * ERRORS_PER_PAGE, (p + 1) * ERRORS_PER_PAGE), columns: [
      { label: t('import.line'), value: e => fmtNumber(e.line), cls: 'num' },
      { label: t('import.column'), value: e => e.column || '' },
      { label: t('import.message'), value: e => e.message }] }),
    errors.length > ERRORS_PER_PAGE ? h('nav.pager', { 'aria-label': t('list.pages') },
      h('button', { type: 'button', disabled: p === 0, onclick: () => showPage(p - 1) }, t('list.previous')),
      h('span', t('list.pageOf', { page: p + 1, pages: Math.ceil(errors.length / ERRORS_PER_PAGE), total: errors.length })),
      h('button', { type: 'button', disabled: (p + 1) * ERRORS_PER_PAGE >= errors.length, onclick: () => showPage(p + 1) }, t('list.next'))) : null);
  if (errors.length) {
    showPage(0);
  }
  clear(box, section(t('import.result'),
    h('p#import-outcome', { class: `notice ${job.status === 'succeeded' ? 'ok' : 'error'}`, role: 'status' },
      t(`import.outcome.${job.status}`), summary ? ` ${summary}` : ''),
    job.status === 'rejected' && !job.partial ? h('p.help', t('import.atomicHelp')) : null,
    job.problem ? h('p.error-box', job.problem.detail) : null,
    errors.length ? [h('h3', t('import.errorsCount', { count: fmtNumber(errors.length) })), errorsBox] : null));
}

async function jobs(box) {
  const answer = await api.get('/import/jobs', { size: 10 });
  clear(box, section(t('import.recent'), table({ caption: t('import.recent'), id: 'import-jobs', rows: answer.items, columns: [
    { label: t('common.createdAt'), value: j => fmtDateTime(j.createdAt) },
    { label: t('import.kind'), value: j => t(`import.kind.${j.kind}`) },
    { label: t('import.statusLabel'), value: j => badge(`job-${j.status}`, t(`import.status.${j.status}`)) },
    { label: t('import.rowsLabel'), value: j => `${fmtNumber(j.rowsDone)} / ${fmtNumber(j.rowsTotal)}`, cls: 'num' },
    { label: t('import.rejectedLabel'), value: j => fmtNumber(j.result?.rejected), cls: 'num' }] })));
}
