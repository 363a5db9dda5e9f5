// Pieces several screens share: activity history with its "log an activity" form, status/stage
// badges, the page header.
import * as api from '../api.js';
import { t, tMaybe, fmtDateTime, i18n } from '../i18n.js';
import { h, clear, field, form, table, section, notify } from '../ui.js';
import { userName, canWrite } from '../session.js';

export function pageHeader(title, ...actions) {
  return h('div.page-head', h('h1', title), actions.length ? h('div.page-actions', actions) : null);
}

export function activityType(type) {
  return tMaybe(`activity.type.${type}`) || type;
}

export const ACTIVITY_TYPES = ['call', 'meeting', 'demo', 'visit'];

/** Local date-time (yyyy-mm-ddThh:mm) of now, for a datetime-local input. */
function nowLocal() {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/**
 * The activities on one record (subject: {leadId|contactId|opportunityId: id}), newest first, with a
 * form to log a new one (reps record calls and visits on the road).
 */
export function activities(subject, title) {
  const listBox = h('div');
  const reload = async () => {
    const page = await api.get('/activities', { ...subject, sort: '-occurredAt', size: 50 });
    clear(listBox, table({
      caption: title, id: 'activity-list', empty: t('activity.none'),
      columns: [
        { label: t('activity.occurredAt'), value: a => fmtDateTime(a.occurredAt) },
        { label: t('activity.type'), value: a => activityType(a.type) },
        { label: t('activity.subject'), value: a => a.subject || '' },
        { label: t('common.owner'), value: a => userName(a.ownerId) },
      ],
      rows: page.items,
    }), page.total > page.items.length ? h('p.help', t('activity.more', { shown: page.items.length, total: page.total })) : null);
  };
  const logForm = canWrite() ? form({
    cls: 'inline-form', id: 'activity-form', submitLabel: t('activity.log'),
    fields: [
      field({ name: 'type', label: t('activity.type'), type: 'select', value: 'call', options: ACTIVITY_TYPES.map(x => [x, activityType(x)]) }),
      field({ name: 'occurredAt', label: t('activity.occurredAt'), type: 'datetime-local', value: nowLocal(), required: true }),
      field({ name: 'subject', label: t('activity.subject') }),
    ],
    onSubmit: async (v, f) => {
      const occurredAt = v.occurredAt ? new Date(v.occurredAt).toISOString() : undefined;
      await api.post('/activities', { ...subject, type: v.type, subject: v.subject, occurredAt });
      f.querySelector('[name=subject]').value = '';
      notify(t('activity.logged'));
      await reload();
    },
  }) : null;
  const el = section(title, logForm, listBox);
  reload().catch(e => clear(listBox, h('p.error-box', e.message)));
  return el;
}

export function badge(kind, text) {
  return h(`span.badge.${kind}`, text);
}

export function leadStatus(status) {
  return badge(`status-${status}`, t(`lead.status.${status}`));
}

/** The language-specific label of an opportunity stage (from the tenant's pipeline). */
export { stageLabel } from '../i18n.js';
export { i18n };
