// lead-scoring's `lead-detail` panel: the explanation of one lead's score — behaviour points by rule
// and their history, the fit rules it matches, and the factors of the model's prediction. Drawn by
// the host through the panel contract (docs/plugins.md "UI panels"); texts from ui/i18n/<locale>.json.

/** Draws the score of `ctx.record` (the lead) into `el`. */
export async function mount(el, ctx) {
  const { t } = ctx;
  const { h, clear, facts, table, activityType } = ctx.ui;
  const { number, percent, dateTime } = ctx.fmt;
  let s;
  try {
    s = await ctx.api.get(`leads/${encodeURIComponent(ctx.record.id)}/score`);
  } catch (e) {
    clear(el, h('p.notice.info', e.status === 404 ? t('score.none') : e.message));
    return;
  }
  const shown = v => (v === null || v === undefined ? '' : ` = ${/^-?\d+(\.\d+)?$/.test(String(v)) ? number(v, 2) : v}`);
  const factor = f => h('li', `${f.attribute}${shown(f.value)} (${f.effect > 0 ? '+' : ''}${number(f.effect, 3)})`);
  clear(el, h('div#score-panel',
    facts([[t('score.total'), number(s.total, 1)], [t('score.grade'), s.grade], [t('score.behavior'), number(s.behavior?.score, 1)],
      [t('score.fit'), number(s.fit?.score, 1)], [t('score.predicted'), s.predicted ? percent(s.predicted.probability) : t('score.noModel')]]),
    h('h3', t('score.byRule')),
    table({ caption: t('score.byRule'), rows: s.behavior?.byRule || [], empty: t('score.noBehaviour'), columns: [
      { label: t('score.rule'), value: r => r.rule }, { label: t('score.points'), value: r => number(r.decayed, 1), cls: 'num' },
      { label: t('score.counted'), value: r => number(r.counted), cls: 'num' }, { label: t('score.capped'), value: r => (r.capped ? t('common.yes') : t('common.no')) }] }),
    h('h3', t('score.fitRules')),
    s.fit?.matched?.length ? h('ul', s.fit.matched.map(m => h('li', `${m.rule} (${m.field}): +${number(m.weight, 1)}`))) : h('p.empty', t('score.noFit')),
    s.predicted ? [h('h3', t('score.raisedBy')), h('ul', s.predicted.raisedBy.map(factor)), h('h3', t('score.loweredBy')), h('ul', s.predicted.loweredBy.map(factor))] : null,
    h('h3', t('score.history')),
    table({ caption: t('score.history'), rows: s.behavior?.history || [], empty: t('score.noBehaviour'), columns: [
      { label: t('activity.occurredAt'), value: r => dateTime(r.at) }, { label: t('activity.type'), value: r => activityType(r.activityType) },
      { label: t('score.rule'), value: r => r.rule }, { label: t('score.points'), value: r => number(r.points, 1), cls: 'num' },
      { label: t('score.pointsNow'), value: r => number(r.pointsNow, 1), cls: 'num' }] })));
}
