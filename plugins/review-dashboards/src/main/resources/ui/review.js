// Review (the review-dashboards plugin's `page` panel): the funnel with healthy ranges and bottlenecks,
// reps side by side, stage entries per week, sales cycle by industry and region, won against lost by
// early traits, and the weekly reports. Every chart has a table of the same figures beside it (screen
// readers, and the numbers to check). Drawn by the host through the panel contract (docs/plugins.md):
// everything it needs comes from `ctx`; its texts from ui/i18n/<locale>.json in this jar.

let ctx;
let t, tMaybe, stageLabel, userName, fmtNumber, fmtPercent, fmtDate, today;
let h, add, clear, field, table, section, facts, loading, values, pageHeader, badge;

const BLUE = '#1f5fa8';
const RED = '#b3261e';
const GREEN = '#2e7d32';
const GREY = '#6b7280';

/** A chart in the host's ECharts (disposed by the host when the page goes). */
function chart(el, option) {
  return ctx.chart(el, option);
}

/** A chart box: an image role with a summary label; the table beside it holds the same figures. */
function chartBox(id, summary) {
  return h('div.chart', { id, role: 'img', 'aria-label': summary });
}

/** A plugin call; a 503 while the review facts are being built is retried after Retry-After seconds. */
async function read(path, query, notice) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.api.get(path, query);
    } catch (e) {
      if (e.status === 503 && attempt < 24) {
        clear(notice, h('p.notice.info', t('review.building')));
        await new Promise(r => setTimeout(r, 5000));
        continue;
      }
      throw e;
    }
  }
}

/** A section whose figures may be refused on the lite edition (403 lite-edition): it says so instead. */
async function optional(box, work) {
  try {
    await work();
  } catch (e) {
    clear(box, h('p.notice.info', e.slug === 'lite-edition' ? t('review.liteOnly') : e.message));
  }
}

/** The panel's entry (docs/plugins.md "UI panels"): draws the review page into `main`. */
export async function mount(main, context) {
  ctx = context;
  ({ t, tMaybe, stageLabel, userName } = ctx);
  ({ number: fmtNumber, percent: fmtPercent, date: fmtDate, today } = ctx.fmt);
  ({ h, add, clear, field, table, section, facts, loading, values, pageHeader, badge } = ctx.ui);
  const query = ctx.query;
  const from = query.get('from') || '';
  const to = query.get('to') || '';
  add(main, pageHeader(t('review.title')),
    h('form.filters#review-filters', { onsubmit: e => {
      e.preventDefault();
      const v = values(e.target);
      const q = new URLSearchParams();
      if (v.from) q.set('from', v.from);
      if (v.to) q.set('to', v.to);
      location.hash = ctx.href(q);
    } },
    field({ name: 'from', label: t('review.from'), type: 'date', value: from, attrs: { max: today() } }),
    field({ name: 'to', label: t('review.to'), type: 'date', value: to }),
    h('div.actions', h('button', { type: 'submit' }, t('common.apply')))),
    h('p.help', from || to ? t('review.window', { from: from ? fmtDate(from) : '…', to: to ? fmtDate(to) : '…' }) : t('review.allTime')));
  const notice = h('div');
  add(main, notice);
  const cohort = { from, to };

  const funnelBox = h('div', loading());
  add(main, section(t('review.funnel'), funnelBox));
  const funnel = await read('funnel', cohort, notice);
  clear(notice);
  await drawFunnel(funnelBox, funnel);

  const boxes = ['reps', 'heatmap', 'cycle', 'traits', 'reports'].map(() => h('div', loading()));
  add(main, section(t('review.reps'), boxes[0]), section(t('review.heatmap'), boxes[1]),
    section(t('review.cycle'), boxes[2]), section(t('review.traits'), boxes[3]), section(t('review.reports'), boxes[4]));
  await Promise.all([
    optional(boxes[0], () => drawReps(boxes[0], cohort, notice)),
    optional(boxes[1], () => drawHeatmap(boxes[1], cohort, notice)),
    optional(boxes[2], () => drawCycle(boxes[2], cohort, notice)),
    optional(boxes[3], () => drawTraits(boxes[3], cohort, notice)),
    optional(boxes[4], () => drawReports(boxes[4], notice)),
  ]);
}

function rangeText(range) {
  return range ? `${fmtPercent(range[0], 0)} – ${fmtPercent(range[1], 0)}` : '—';
}

async function drawFunnel(box, f) {
  const label = s => s.label || stageLabel(s.key);
  const bottlenecks = f.stages.filter(s => s.bottleneck);
  const chartEl = chartBox('funnel-chart', t('review.funnelSummary', {
    first: f.stages.length ? fmtNumber(f.stages[0].reached) : 0, won: fmtNumber(f.won), bottlenecks: bottlenecks.map(label).join(', ') || t('common.none'),
  }));
  clear(box,
    facts([[t('review.won'), fmtNumber(f.won)], [t('review.lost'), fmtNumber(f.lost)], [t('review.winRate'), fmtPercent(f.winRate)],
      [t('review.overall'), fmtPercent(f.overallConversion)], [t('review.cycleMean'), t('review.days', { days: fmtNumber(f.cycle?.meanDays, 1) })],
      [t('review.cycleMedian'), t('review.days', { days: fmtNumber(f.cycle?.medianDays, 1) })]]),
    bottlenecks.length ? h('div.notice.error#bottlenecks', { role: 'note' }, h('strong', t('review.bottlenecks')), h('ul', bottlenecks.map(s => h('li',
      t('review.bottleneckLine', { stage: label(s), conversion: fmtPercent(s.conversionToNext), range: rangeText(s.healthyRange), points: fmtNumber(s.shortfallPoints, 1) }),
      s.hints?.length ? h('ul', s.hints.map(x => h('li', x))) : null)))) : h('p.notice.ok', t('review.noBottleneck')),
    chartEl,
    table({ caption: t('review.funnel'), id: 'funnel-table', rows: f.stages, columns: [
      { label: t('opportunity.stage'), value: s => h('span', { dataset: { stage: s.key } }, label(s)) },
      { label: t('review.reached'), value: s => h('span.reached', { dataset: { stage: s.key, value: s.reached } }, fmtNumber(s.reached)), cls: 'num' },
      { label: t('review.conversion'), value: s => fmtPercent(s.conversionToNext), cls: 'num' },
      { label: t('review.healthy'), value: s => rangeText(s.healthyRange) },
      { label: t('review.status'), value: s => (s.bottleneck ? badge('bad', t('review.bottleneck')) : t('review.ok')) }] }));
  await chart(chartEl, {
    tooltip: { trigger: 'item' },
    series: [{
      type: 'funnel', sort: 'none', minSize: '12%', gap: 2, left: '5%', width: '90%',
      label: { show: true, position: 'inside', color: '#fff', formatter: p => `${p.name}: ${fmtNumber(p.value)}` },
      data: f.stages.map(s => ({
        name: label(s), value: s.reached,
        itemStyle: { color: s.bottleneck ? RED : BLUE, borderColor: '#fff' },
        tooltip: { formatter: () => `${label(s)}<br>${t('review.reached')}: ${fmtNumber(s.reached)}<br>${t('review.conversion')}: ${fmtPercent(s.conversionToNext)}<br>${t('review.healthy')}: ${rangeText(s.healthyRange)}` },
      })),
    }],
  });
}

async function groups(groupBy, cohort, notice) {
  return (await read('funnel', { ...cohort, groupBy }, notice)).groups;
}

async function drawReps(box, cohort, notice) {
  const rows = await groups('owner', cohort, notice);
  const name = g => g.key || t('common.none');
  const chartEl = chartBox('reps-chart', t('review.repsSummary', { count: rows.length }));
  clear(box, chartEl, table({ caption: t('review.reps'), id: 'reps-table', rows, columns: [
    { label: t('common.owner'), value: name },
    { label: t('review.entered'), value: g => fmtNumber(g.stages[0]?.reached), cls: 'num' },
    { label: t('review.won'), value: g => fmtNumber(g.won), cls: 'num' },
    { label: t('review.lost'), value: g => fmtNumber(g.lost), cls: 'num' },
    { label: t('review.winRate'), value: g => fmtPercent(g.winRate), cls: 'num' },
    { label: t('review.cycleMedian'), value: g => t('review.days', { days: fmtNumber(g.cycle?.medianDays, 1) }), cls: 'num' },
    { label: t('review.bottlenecks'), value: g => g.stages.filter(s => s.bottleneck).map(s => s.label || stageLabel(s.key)).join(', ') || '—' }] }));
  await chart(chartEl, {
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: rows.map(name), axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0 } },
    yAxis: [{ type: 'value', name: t('review.entered') }, { type: 'value', name: t('review.winRate'), max: 1, axisLabel: { formatter: v => fmtPercent(v, 0) } }],
    series: [
      { name: t('review.entered'), type: 'bar', data: rows.map(g => g.stages[0]?.reached ?? 0), itemStyle: { color: BLUE } },
      { name: t('review.winRate'), type: 'line', yAxisIndex: 1, data: rows.map(g => g.winRate), itemStyle: { color: GREEN }, tooltip: { valueFormatter: v => fmtPercent(v) } },
    ],
  });
}

async function drawHeatmap(box, cohort, notice) {
  const data = await read('heatmap', cohort, notice);
  const weeks = [...new Set(data.byWeek.map(c => c.week))].sort();
  const stageKeys = data.stages;
  const max = Math.max(1, ...data.byWeek.map(c => c.count));
  const chartEl = chartBox('heatmap-chart', t('review.heatmapSummary', { weeks: weeks.length }));
  const byCell = new Map(data.byWeek.map(c => [`${c.week}|${c.stage}`, c.count]));
  const busiest = [...data.byWeek].sort((a, b) => b.count - a.count).slice(0, 10);
  const rates = Object.entries(data.amounts?.convertedWith || {});
  clear(box, chartEl, rates.length ? h('p.help#amounts-converted', t('review.amountsConverted', { currency: data.amounts.currency,
    rates: rates.map(([c, r]) => `1 ${c} = ${fmtNumber(r, 4)} ${data.amounts.currency}`).join(', ') })) : null,
  h('details', h('summary', t('review.heatmapTable')), table({ caption: t('review.heatmap'), id: 'heatmap-table', rows: busiest, columns: [
    { label: t('review.week'), value: c => fmtDate(c.week) },
    { label: t('opportunity.stage'), value: c => stageLabel(c.stage) },
    { label: t('review.entries'), value: c => h('span.entries', { dataset: { week: c.week, stage: c.stage, value: c.count } }, fmtNumber(c.count)), cls: 'num' }] })));
  if (!weeks.length) {
    clear(box, h('p.empty', t('list.empty')));
    return;
  }
  await chart(chartEl, {
    tooltip: { position: 'top', formatter: p => `${fmtDate(weeks[p.value[0]])} · ${stageLabel(stageKeys[p.value[1]])}: ${fmtNumber(p.value[2])}` },
    grid: { left: 8, right: 8, top: 8, bottom: 60, containLabel: true },
    xAxis: { type: 'category', data: weeks.map(w => fmtDate(w)), splitArea: { show: true } },
    yAxis: { type: 'category', data: stageKeys.map(k => stageLabel(k)), splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f1f5fb', BLUE] } },
    series: [{ type: 'heatmap', data: weeks.flatMap((w, x) => stageKeys.map((s, y) => [x, y, byCell.get(`${w}|${s}`) || 0])) }],
  });
}

async function drawCycle(box, cohort, notice) {
  const [industry, region] = await Promise.all([groups('industry', cohort, notice), groups('region', cohort, notice)]);
  const part = async (rows, id, title) => {
    const withCycle = rows.filter(g => g.cycle?.meanDays !== null && g.cycle?.meanDays !== undefined);
    const el = chartBox(id, t('review.cycleSummary', { title, count: withCycle.length }));
    const figure = (cls, g, value, digits) => h(`span.${cls}`, { dataset: { key: g.key ?? '', value } }, fmtNumber(value, digits));
    const wrap = h('div.half', h('h3', title), el, table({ caption: title, id: id.replace(/-chart$/, '-table'), rows: withCycle, columns: [
      { label: title, value: g => g.key || t('common.none') },
      { label: t('review.won'), value: g => figure('won', g, g.won, 0), cls: 'num' },
      { label: t('review.cycleMean'), value: g => figure('mean', g, g.cycle.meanDays, 1), cls: 'num' },
      { label: t('review.cycleMedian'), value: g => figure('median', g, g.cycle.medianDays, 1), cls: 'num' }] }));
    return [wrap, async () => chart(el, {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'value', name: t('review.daysUnit') }, yAxis: { type: 'category', data: withCycle.map(g => g.key || t('common.none')) },
      series: [{ name: t('review.cycleMean'), type: 'bar', data: withCycle.map(g => g.cycle.meanDays), itemStyle: { color: BLUE } },
        { name: t('review.cycleMedian'), type: 'bar', data: withCycle.map(g => g.cycle.medianDays), itemStyle: { color: GREY } }],
    })];
  };
  const [a, drawA] = await part(industry, 'cycle-industry-chart', t('common.industry'));
  const [b, drawB] = await part(region, 'cycle-region-chart', t('common.region'));
  clear(box, h('div.halves', a, b));
  await drawA();
  await drawB();
}

function traitName(kind) {
  return tMaybe(`review.trait.${kind}`) || kind;
}

function traitValue(trait) {
  if (trait.value === null || trait.value === undefined || trait.value === '') {
    return t('common.none'); // opportunities without a channel, industry or region
  }
  if (trait.kind === 'activity') {
    return tMaybe(`activity.type.${trait.value}`) || trait.value;
  }
  return trait.kind === 'activities' ? t('review.activitiesCount', { count: trait.value }) : trait.value;
}

/** What won opportunities had in their first days that lost ones did not (GET traits), by lift. */
async function drawTraits(box, cohort, notice) {
  const data = await read('traits', cohort, notice);
  const top = data.traits.slice(0, 12);
  const name = r => `${traitName(r.kind)}: ${traitValue(r)}`;
  const el = chartBox('traits-chart', t('review.traitsSummary', { count: top.length, days: data.earlyDays }));
  clear(box, h('p.help', t('review.traitsText', { days: data.earlyDays, won: fmtNumber(data.won), lost: fmtNumber(data.lost) })), el,
    table({ caption: t('review.traits'), id: 'traits-table', rows: data.traits, columns: [
      { label: t('review.trait'), value: r => h('span.trait', { dataset: { kind: r.kind, value: r.value ?? '', lift: r.lift ?? '', won: r.won, lost: r.lost } }, name(r)) },
      { label: t('review.shareOfWon'), value: r => fmtPercent(r.shareOfWon), cls: 'num' },
      { label: t('review.shareOfLost'), value: r => fmtPercent(r.shareOfLost), cls: 'num' },
      { label: t('review.lift'), value: r => fmtNumber(r.lift, 2), cls: 'num' },
      { label: t('review.won'), value: r => fmtNumber(r.won), cls: 'num' },
      { label: t('review.lost'), value: r => fmtNumber(r.lost), cls: 'num' }] }));
  if (!top.length) {
    el.remove();
    return;
  }
  const rows = [...top].reverse();
  await chart(el, {
    tooltip: { trigger: 'axis', valueFormatter: v => fmtPercent(v) }, legend: { top: 0 }, grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: v => fmtPercent(v, 0) } }, yAxis: { type: 'category', data: rows.map(name) },
    series: [{ name: t('review.shareOfWon'), type: 'bar', data: rows.map(r => r.shareOfWon), itemStyle: { color: GREEN } },
      { name: t('review.shareOfLost'), type: 'bar', data: rows.map(r => r.shareOfLost), itemStyle: { color: RED } }],
  });
}

/** The weekly opportunity health reports the plugin keeps (GET reports, GET reports/{week}). */
async function drawReports(box, notice) {
  const list = await read('reports', {}, notice);
  if (!list.items.length) {
    clear(box, h('p.empty#no-reports', t('review.noReports')));
    return;
  }
  const detail = h('div#weekly-report');
  const show = async week => {
    clear(detail, loading());
    const r = await read(`reports/${encodeURIComponent(week)}`, {}, notice);
    const stage = key => stageLabel(key);
    clear(detail, h('h3', { dataset: { week: r.week } }, t('review.reportOf', { week: r.week, made: fmtDate(r.madeAt) })),
      r.newBottlenecks?.length ? h('p.notice.error', t('review.newBottlenecks', { stages: r.newBottlenecks.map(x => stage(x.stage || x)).join(', ') })) : null,
      table({ caption: t('review.changes'), id: 'changes-table', rows: r.changes || [], columns: [
        { label: t('opportunity.stage'), value: c => stage(c.stage) },
        { label: t('review.conversion'), value: c => fmtPercent(c.conversionToNext), cls: 'num' },
        { label: t('review.lastWeek'), value: c => fmtPercent(c.lastWeek), cls: 'num' },
        { label: t('review.changePoints'), value: c => (c.changePoints === null ? '—' : `${c.changePoints > 0 ? '+' : ''}${fmtNumber(c.changePoints, 1)}`), cls: 'num' }] }),
      h('h3', t('review.stalled')),
      table({ caption: t('review.stalled'), id: 'stalled-table', rows: r.stalled || [], empty: t('review.noStalled'), columns: [
        { label: t('opportunity.name'), value: x => h('a', { href: `#/opportunities/${x.opportunityId}` }, x.name || t('review.openOpportunity')) },
        { label: t('opportunity.stage'), value: x => stage(x.stage) },
        { label: t('review.daysInStage'), value: x => t('review.days', { days: fmtNumber(x.daysInStage, 0) }), cls: 'num' },
        { label: t('review.tooLong'), value: x => t('review.days', { days: fmtNumber(x.tooLongDays, 0) }), cls: 'num' },
        { label: t('common.owner'), value: x => userName(x.ownerId) }] }),
      h('h3', t('review.atRisk')),
      table({ caption: t('review.atRisk'), id: 'at-risk-table', rows: r.atRisk || [], empty: t('review.noAtRisk'), columns: [
        { label: t('opportunity.name'), value: x => h('a', { href: `#/opportunities/${x.opportunityId}` }, x.name) },
        { label: t('opportunity.stage'), value: x => stage(x.stage) },
        { label: t('opportunity.amount'), value: x => (x.amount === null ? '—' : ctx.fmt.money(x.amount, x.currency)), cls: 'num' },
        { label: t('review.why'), value: x => (ctx.locale === 'zh-CN' ? x.reasonZh : x.reason) },
        { label: t('review.source'), value: x => x.sources },
        { label: t('common.owner'), value: x => userName(x.ownerId) }] }),
      h('h3', t('review.reps')),
      table({ caption: t('review.reps'), id: 'report-reps-table', rows: r.reps || [], columns: [
        { label: t('review.rank'), value: x => fmtNumber(x.rank) },
        { label: t('common.owner'), value: x => x.owner || '—' },
        { label: t('review.winRate'), value: x => fmtPercent(x.winRate), cls: 'num' },
        { label: t('review.won'), value: x => fmtNumber(x.won), cls: 'num' },
        { label: t('review.lost'), value: x => fmtNumber(x.lost), cls: 'num' },
        { label: t('review.losesMostAt'), value: x => (x.losesMostAt ? stage(x.losesMostAt) : '—') }] }));
  };
  const picker = field({ name: 'week', label: t('review.week'), type: 'select', value: list.items[0].week, options: list.items.map(i => [i.week, i.week]) });
  picker.input.addEventListener('change', () => show(picker.input.value).catch(e => clear(detail, h('p.error-box', e.message))));
  clear(box, picker, detail);
  await show(list.items[0].week);
}
