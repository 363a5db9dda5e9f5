// lead-scoring's `lead-list` panel: the focus list — the top share of the caller's open leads by
// score (GET focus), each with the lead's own fields from the host's API. Drawn by the host through
// the panel contract (docs/plugins.md "UI panels"); texts from ui/i18n/<locale>.json.

/** Draws the caller's focus list into `el`. */
export async function mount(el, ctx) {
  const { t } = ctx;
  const { h, clear, table, loading, badge, leadStatus } = ctx.ui;
  const { number, percent, date } = ctx.fmt;
  const box = h('div#focus-list', loading());
  clear(el, box);
  const answer = await ctx.api.get('focus');
  const shown = answer.items.slice(0, 100);
  const leads = await Promise.all(shown.map(i => ctx.host.get(`/leads/${encodeURIComponent(i.leadId)}`).catch(() => null)));
  const rows = shown.map((item, i) => ({ ...leads[i], id: item.leadId, status: item.status,
    score: { total: item.total, grade: item.grade }, name: leads[i]?.name || item.leadId })).filter(r => r.name);
  clear(box,
    h('p', t('lead.focusText', { share: percent(answer.share, 0), open: number(answer.openLeads), shown: number(answer.items.length) })),
    table({ caption: t('lead.focus'), rows, empty: t('lead.focusEmpty'), columns: [
      { label: t('lead.name'), value: l => h('a', { href: `#/leads/${l.id}` }, l.name) },
      { label: t('lead.company'), value: l => l.company || '' },
      { label: t('lead.status'), value: l => leadStatus(l.status) },
      { label: t('lead.channel'), value: l => l.channel || '' },
      { label: t('score.total'), value: l => number(l.score.total, 1), cls: 'num' },
      { label: t('score.grade'), value: l => (l.score.grade ? badge(`grade-${l.score.grade}`, l.score.grade) : '—') },
      { label: t('common.owner'), value: l => ctx.userName(l.ownerId) },
      { label: t('common.createdAt'), value: l => date(l.createdAt) }] }));
}
