'use strict';
// The analyst dashboard: every figure is read from the analysis API of this service; nothing is computed here
// except the funnel's limit curves (drawn from the API's own centre, tau2 and multipliers) and the CSV of the table
// on screen.

const COHORTS = { ete: 'All ETE participants', 'found-work': 'Found work', 'sustained-work': 'Sustained work 13 weeks' };
const MEASURED_FROM = { index: 'measured from the index date', 'job-start': 'measured from the job start' };
// The cohort panel: every cohort, the job cohorts both ways (index date and job start side by side), as the domain
// asks: measured from the index date they include the time before the job (immortal-time bias, which favours them).
const COHORT_ROWS = [
  ['ete', 'index'],
  ['found-work', 'index'], ['found-work', 'job-start'],
  ['sustained-work', 'index'], ['sustained-work', 'job-start'],
];
const DIMENSIONS = {
  team: 'team', 'contract-area': 'contract area', office: 'office', region: 'region', gender: 'gender',
  'age-band': 'age band', ethnicity: 'ethnicity', disability: 'disability', 'offence-category': 'offence',
  setting: 'setting',
};
const STATUS_COLOURS = { alarm: '#a4000f', alert: '#e0761b', ok: '#4a78a8', better: '#2e8b57' };
// Until an answer carries its own caveats, the two of DOMAIN.md "What the figures are not".
const STATIC_CAVEATS = [
  'Actual vs predicted compares the cohort with OGRS3\'s expectation for people like them; it is not a causal '
    + 'estimate of the service\'s effect.',
  'Reoffending is a proxy (a new sentence on the case management system): it misses cautions and under-reports by '
    + 'about 2-3%, so actual rates read slightly low.',
];
const charts = {};

function chart(id) {
  if (!charts[id]) {
    charts[id] = echarts.init(document.getElementById(id));
    window.addEventListener('resize', () => charts[id].resize());
  }
  return charts[id];
}

// Every figure needs an analyst's bearer token. The page's files hold no data and load without one; the token
// comes from the URL fragment (#token=..., never sent to a server), else from the local run's token endpoint
// (off in production), and is kept for this tab only.
const TOKEN_KEY = 'ete.analyst-token';

async function bearerToken(renew) {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    sessionStorage.setItem(TOKEN_KEY, fromFragment);
    history.replaceState(null, '', location.pathname + location.search);
  }
  if (!renew && sessionStorage.getItem(TOKEN_KEY)) return sessionStorage.getItem(TOKEN_KEY);
  const response = await fetch('/v1/local/dashboard-token', { method: 'POST', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error('This page needs an analyst token: open it as /dashboard/#token=<token> '
      + '(a local run mints one with tools/mint-token analyst)');
  }
  const body = await response.json();
  sessionStorage.setItem(TOKEN_KEY, body.token);
  return body.token;
}

async function authorisedFetch(path, accept) {
  let response = await fetch(path, { headers: { Accept: accept, Authorization: 'Bearer ' + await bearerToken(false) } });
  if (response.status === 401) {
    // expired or from another issuer: one fresh token, once
    response = await fetch(path, { headers: { Accept: accept, Authorization: 'Bearer ' + await bearerToken(true) } });
  }
  return response;
}

async function api(path) {
  const response = await authorisedFetch(path, 'application/json');
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    // problem+json: say which parameter and rule, as the API does
    const title = (body && (body.detail || body.title)) || 'HTTP ' + response.status;
    const fields = body && body.errors ? body.errors.map(e => e.field + ': ' + e.message).join('; ') : '';
    throw new Error(title + (fields ? ' (' + fields + ')' : ''));
  }
  return body;
}

const escape = text => echarts.format.encodeHTML(String(text));
const absent = v => v === null || v === undefined;
const pct = v => (absent(v) ? '–' : (100 * v).toFixed(1) + '%');
const num = v => (absent(v) ? '–' : Number(v).toLocaleString('en-GB'));
const fixed = (v, digits) => (absent(v) ? '–' : Number(v).toFixed(digits));
const pValue = v => (absent(v) ? '–' : v < 0.001 ? '< 0.001' : v.toFixed(3));
const SUPPRESSED = 'suppressed';
const suppressedText = 'suppressed (under the disclosure threshold)';

// ---- the controls ----------------------------------------------------------------------------------------------

const controls = document.getElementById('controls');

function monthValue(date) {
  return date.getUTCFullYear() + '-' + String(date.getUTCMonth() + 1).padStart(2, '0');
}

// The month pickers list whole months from April 2015 to this month, newest first; an option is YYYY-MM.
function fillMonthPickers() {
  const now = new Date();
  const months = [];
  for (let d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)); d >= Date.UTC(2015, 3, 1);
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1))) {
    months.push([monthValue(d), d.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })]);
  }
  for (const select of controls.querySelectorAll('select[data-month-default]')) {
    for (const [value, label] of months) select.add(new Option(label, value));
    select.value = select.dataset.monthDefault;
  }
}

const firstDay = month => (month ? month + '-01' : '');
function lastDay(month) {
  if (!month) return '';
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate(); // day 0 of the next month is the last of this one
  return month + '-' + String(days).padStart(2, '0');
}

// The ETE cohort has no job to measure from: its measured-from switch is fixed at the index date.
function syncMeasuredFrom() {
  const select = document.getElementById('measured-from');
  const ete = document.getElementById('cohort').value === 'ete';
  if (ete) select.value = 'index';
  select.disabled = ete;
  select.title = ete ? 'the ETE cohort is measured from its index date' : '';
}

function params() {
  const form = new FormData(controls);
  return {
    cohort: form.get('cohort'), measuredFrom: form.get('measuredFrom') || 'index', by: form.get('by'),
    centre: form.get('centre'), from: firstDay(form.get('from')), to: lastDay(form.get('to')),
    asOf: firstDay(form.get('asOf')), academyAsOf: firstDay(form.get('academyAsOf')),
  };
}

function query(values) {
  return Object.entries(values).filter(([, v]) => v).map(([k, v]) => k + '=' + encodeURIComponent(v)).join('&');
}

// ---- shared drawing --------------------------------------------------------------------------------------------

function showError(panel, error) {
  const section = document.getElementById(panel);
  let p = section.querySelector('.error');
  if (!p) {
    p = document.createElement('p');
    p.className = 'error';
    section.appendChild(p);
  }
  p.textContent = 'Could not load: ' + error.message;
}

function clearError(panel) {
  const p = document.getElementById(panel).querySelector('.error');
  if (p) p.remove();
}

function kpis(id, items) {
  const box = document.getElementById(id);
  box.replaceChildren(...items.map(([value, label]) => {
    const kpi = element('div', 'kpi');
    kpi.append(element('div', 'value', value), element('div', 'label', label));
    return kpi;
  }));
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// A table is a model first (header, rows of cells {text, cls}), drawn with textContent only (group names are partner
// text), so the CSV of the table on screen is built from the very same cells.
function drawTable(id, model) {
  const table = document.getElementById(id);
  const head = element('tr');
  model.header.forEach(h => head.append(element('th', null, h)));
  const rows = model.rows.map(row => {
    const tr = element('tr', row.cls);
    row.cells.forEach(c => tr.append(element('td', c.cls, c.text)));
    return tr;
  });
  table.replaceChildren(head, ...rows);
  table.model = model;
}

const cell = (text, cls) => ({ text: String(text), cls });
const suppressedCell = () => cell(SUPPRESSED, 'suppressed');

// Caveats beside the figures: the answers' own, else (for the reoffending figures) the domain's two.
function drawCaveats(id, answers, fallback = STATIC_CAVEATS) {
  const fromApi = answers.flatMap(a => (a && Array.isArray(a.caveats) ? a.caveats : []));
  const caveats = fromApi.length > 0 ? [...new Set(fromApi)] : fallback;
  document.getElementById(id).replaceChildren(...caveats.map(c => element('li', null, c)));
}

function ci(row) {
  return row.actualRateCi95 && row.actualRateCi95.defined !== false && !absent(row.actualRateCi95.lower)
    ? pct(row.actualRateCi95.lower) + ' – ' + pct(row.actualRateCi95.upper) : '–';
}

// ---- cohorts ---------------------------------------------------------------------------------------------------

const cohortLabel = (cohort, measuredFrom) => COHORTS[cohort] + (cohort === 'ete' ? ' (measured from the index date)'
  : ' (' + MEASURED_FROM[measuredFrom] + ')');

async function renderCohorts(p) {
  const reports = await Promise.all(COHORT_ROWS.map(([cohort, measuredFrom]) =>
    api('/v1/reoffending?' + query({ cohort, measuredFrom, from: p.from, to: p.to, asOf: p.asOf }))));
  const totals = reports.map(r => r.total);
  const labels = COHORT_ROWS.map(([c, m]) => (c === 'ete' ? COHORTS[c]
    : COHORTS[c] + ', from ' + (m === 'index' ? 'index date' : 'job start')));
  const bar = v => (absent(v) ? null : 100 * v);
  chart('cohort-chart').setOption({
    animation: false, // a redraw (live refresh, a control) shows the new figures at once, never a blend of two
    tooltip: { trigger: 'axis', valueFormatter: v => (absent(v) ? suppressedText : v.toFixed(1) + '%') },
    legend: { data: ['Actual', 'Predicted (OGRS3)'] },
    grid: { left: 50, right: 20, top: 40, bottom: 35 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: '% reoffended in a year', min: 0 },
    series: [
      { name: 'Actual', type: 'bar', data: totals.map(t => bar(t.actualRate)), itemStyle: { color: '#16324f' },
        label: { show: true, position: 'top', formatter: l => l.value.toFixed(1) + '%' } },
      { name: 'Predicted (OGRS3)', type: 'bar', data: totals.map(t => bar(t.predictedRate)),
        itemStyle: { color: '#9fb7d0' }, label: { show: true, position: 'top', formatter: l => l.value.toFixed(1) + '%' } },
    ],
  }, true);
  const awaiting = reports.some(r => !absent(r.total.awaitingRelease));
  const header = ['cohort', 'matured', 'pending', ...(awaiting ? ['awaiting release'] : []), 'actual',
    '95% CI (Wilson)', 'predicted', 'difference (points)', 'p'];
  const rows = COHORT_ROWS.map(([cohort, measuredFrom], i) => {
    const t = totals[i];
    const name = cell(cohortLabel(cohort, measuredFrom));
    if (t.suppressed) return { cells: [name, ...header.slice(1).map(suppressedCell)] };
    return { cells: [name, cell(num(t.matured)), cell(num(t.pending)),
      ...(awaiting ? [cell(num(t.awaitingRelease))] : []), cell(pct(t.actualRate)), cell(ci(t)),
      cell(pct(t.predictedRate)), cell(fixed(t.differencePoints, 1)), cell(pValue(t.pValue))] };
  });
  drawTable('cohort-table', { header, rows });
  drawCaveats('cohort-caveats', reports);
}

// ---- breakdown and funnel --------------------------------------------------------------------------------------

async function renderBreakdown(p) {
  const common = { by: p.by, cohort: p.cohort, measuredFrom: p.measuredFrom, from: p.from, to: p.to, asOf: p.asOf };
  // centre is left out unless asked for: the pooled centre is the API's default.
  const [report, alerts] = await Promise.all([
    api('/v1/reoffending?' + query(common)),
    api('/v1/reoffending/alerts?' + query({ ...common, centre: p.centre === 'one' ? 'one' : '' })),
  ]);
  const what = cohortLabel(p.cohort, p.measuredFrom);
  document.getElementById('breakdown-title').textContent = what + ', by ' + DIMENSIONS[p.by];
  const funnelOf = new Map(alerts.rows.map(r => [r.group, r]));
  const awaiting = !absent(report.total.awaitingRelease) || report.rows.some(r => !absent(r.awaitingRelease));
  const detectable = alerts.rows.some(r => !absent(r.detectableRatio));
  const header = [DIMENSIONS[p.by], 'matured', 'pending', ...(awaiting ? ['awaiting release'] : []), 'reoffended',
    'actual', '95% CI (Wilson)', 'predicted', 'difference (points)', 'O/E', 'p', 'funnel status',
    ...(detectable ? ['smallest O/E vs peers this ' + (p.by === 'team' ? 'team' : 'group')
      + ' would be flagged at, 80% power'] : [])];
  const figures = (r, f) => [cell(num(r.matured)), cell(num(r.pending)),
    ...(awaiting ? [cell(num(r.awaitingRelease))] : []), cell(num(r.reoffended)), cell(pct(r.actualRate)),
    cell(ci(r)), cell(pct(r.predictedRate)), cell(fixed(r.differencePoints, 1)),
    cell(fixed(f && !absent(f.ratio) ? f.ratio : r.observedOverExpected, 2)), cell(pValue(r.pValue))];
  const width = header.length;
  const rows = report.rows.map(r => {
    const group = r.group[p.by];
    const f = funnelOf.get(group);
    const status = f && f.status ? f.status : '–';
    const flagged = status === 'alert' || status === 'alarm';
    const statusCell = cell(status, 'status-' + status);
    const tail = detectable ? [cell(f && !absent(f.detectableRatio) ? fixed(f.detectableRatio, 2)
      : f && f.suppressed ? SUPPRESSED : '–', f && f.suppressed ? 'suppressed' : undefined)] : [];
    if (r.suppressed) {
      return { cls: 'suppressed-row', cells: [cell(group), ...Array.from({ length: width - 2 - tail.length },
        suppressedCell), statusCell, ...tail] };
    }
    return { cls: flagged ? 'flagged' : undefined, cells: [cell(group), ...figures(r, f), statusCell, ...tail] };
  });
  const t = report.total;
  rows.push({ cls: 'total', cells: t.suppressed
    ? [cell('total'), ...Array.from({ length: width - 1 }, suppressedCell)]
    : [cell('total'), ...figures(t, null), cell(''), ...(detectable ? [cell('')] : [])] });
  const definitionsVersion = report.definitionsVersion || alerts.definitionsVersion || 'not stated';
  const table = {
    header, rows,
    // The CSV's leading rows: what the table is of.
    about: [['cohort', p.cohort + ' (' + COHORTS[p.cohort] + ')'],
      ['measured from', p.cohort === 'ete' ? 'index' : p.measuredFrom],
      ['breakdown', p.by], ['window', report.from + ' to ' + report.to], ['as of', report.asOf],
      ['suppression threshold', report.suppressionThreshold + ' matured people'],
      ['funnel centre', alerts.centre || (p.centre === 'one' ? 'one' : 'pooled')],
      ['definitions version', definitionsVersion]],
  };
  drawTable('breakdown-table', table);
  document.getElementById('breakdown-about').textContent = table.about.map(([k, v]) => k + ': ' + v).join('; ');
  drawCaveats('breakdown-caveats', [report, alerts]);
  drawFunnel(p, alerts, what);
}

function drawFunnel(p, report, what) {
  document.getElementById('funnel-title').textContent = 'Funnel plot of observed / expected by ' + DIMENSIONS[p.by]
    + ': ' + what;
  const assessed = report.rows.filter(r => r.assessed && !r.suppressed && !absent(r.ratio));
  const withLimits = assessed.filter(r => !absent(r.lower95) && !absent(r.upper95) && r.expected > 0);
  // The centre: theta0 where the answer states it, else read back from a group's limits (symmetric about the centre
  // on the log scale), else O/E = 1.
  const centre = !absent(report.theta0) ? report.theta0
    : withLimits.length > 0 ? Math.sqrt(withLimits[0].lower95 * withLimits[0].upper95) : 1;
  // The curves: the limits of a group of expected E, with s^2 = spread / E fitted to the groups' own standard errors (the
  // answer's, else read back from their 95% limits); each point's status is the API's, judged on its own limits.
  const fitted = withLimits.map(r => {
    const se = !absent(r.standardError) ? r.standardError
      : Math.sqrt(Math.max(0, (Math.log(r.upper95 / centre) / report.z95) ** 2 - report.tau2));
    return se * se * r.expected;
  }).sort((a, b) => a - b);
  const median = fitted.length > 0 ? fitted[Math.floor(fitted.length / 2)] : 0;
  const spread = median > 0 ? median : 1 / centre;
  const maxE = Math.max(1, ...assessed.map(r => r.expected));
  const minE = Math.max(0.5, Math.min(maxE, ...assessed.map(r => r.expected)) / 2);
  // The y axis shows the points and the limits near them: with a large tau2 (a few small groups) the upper curve
  // would otherwise squash every point onto the axis.
  const upperAtMaxE = centre * Math.exp(report.z998 * Math.sqrt(spread / maxE + report.tau2));
  const yMax = Math.max(2 * centre, 1.25 * Math.max(0, ...assessed.map(r => r.ratio)),
    Math.min(1.1 * upperAtMaxE, 4 * centre));
  const curve = (z, sign) => {
    const points = [];
    for (let i = 0; i <= 60; i++) {
      const e = minE * Math.pow((maxE * 1.1) / minE, i / 60);
      const limit = centre * Math.exp(sign * z * Math.sqrt(spread / e + report.tau2));
      if (limit <= yMax) points.push([e, limit]);
    }
    return points;
  };
  const line = (name, data, colour, dashed) => ({ name, type: 'line', data, showSymbol: false, silent: true,
    lineStyle: { color: colour, width: 1, type: dashed ? 'dashed' : 'solid' }, itemStyle: { color: colour } });
  const byStatus = Object.keys(STATUS_COLOURS).map(status => ({
    name: status, type: 'scatter', symbolSize: status === 'alert' || status === 'alarm' ? 13 : 8,
    itemStyle: { color: STATUS_COLOURS[status] },
    data: assessed.filter(r => r.status === status).map(r => ({ value: [r.expected, r.ratio], row: r })),
    label: { show: status !== 'ok', position: 'right', formatter: d => d.data.row.group },
  }));
  const centreName = 'centre O/E = ' + centre.toFixed(2) + (report.centre === 'one' ? ' (OGRS3)'
    : report.centre === 'pooled' ? ' (pooled)' : '');
  chart('funnel-chart').setOption({
    animation: false, // a redraw (live refresh, a control) shows the new figures at once, never a blend of two
    // Tooltips are HTML: group names are partner-supplied text, so they are escaped.
    tooltip: { trigger: 'item', formatter: d => (d.data && d.data.row ? escape(d.data.row.group) + '<br>observed '
      + d.data.row.observed + ', expected ' + d.data.row.expected.toFixed(1) + '<br>O/E ' + d.data.row.ratio.toFixed(2)
      + ' (' + escape(d.data.row.status) + ')' : '') },
    legend: { data: ['alarm', 'alert', 'ok', 'better', '95% limits', '99.8% limits', centreName] },
    grid: { left: 60, right: 170, top: 40, bottom: 45 },
    xAxis: { type: 'value', name: 'expected reoffenders (E)', nameLocation: 'middle', nameGap: 28, min: 0 },
    yAxis: { type: 'value', name: 'observed / expected', min: 0, max: Math.ceil(yMax * 2) / 2 },
    series: [
      ...byStatus,
      line('95% limits', curve(report.z95, 1), '#e0761b', true),
      line('95% limits', curve(report.z95, -1), '#e0761b', true),
      line('99.8% limits', curve(report.z998, 1), '#a4000f', false),
      line('99.8% limits', curve(report.z998, -1), '#a4000f', false),
      line(centreName, [[0, centre], [maxE * 1.1, centre]], '#555', true),
    ],
  }, true);
  const flagged = report.rows.filter(r => r.status === 'alert' || r.status === 'alarm');
  const groups = DIMENSIONS[p.by] === 'team' ? 'teams' : DIMENSIONS[p.by] + ' groups';
  document.getElementById('funnel-flagged').textContent = flagged.length === 0
    ? 'No group above the upper limits (' + report.k + ' ' + groups + ' assessed).'
    : 'Flagged: ' + flagged.map(r => r.group + ' (' + r.status + (absent(r.ratio) ? '' : ', O/E ' + r.ratio.toFixed(2))
      + ')').join(', ') + ' of ' + report.k + ' ' + groups + ' assessed.';
  document.getElementById('funnel-method').textContent = 'Limits at ' + report.z95 + ' and ' + report.z998
    + ' standard errors about the centre, over-dispersion tau² = ' + Number(report.tau2).toPrecision(3)
    + (absent(report.phi) ? '' : ', phi = ' + Number(report.phi).toFixed(2)) + '. Suppressed groups show only that they are suppressed.';
}

// ---- CSV of the table on screen --------------------------------------------------------------------------------

function csvField(text) {
  const s = String(text);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

// Leading rows (key, value) say what the table is of; a blank row; then the table exactly as shown.
function breakdownCsv() {
  const model = document.getElementById('breakdown-table').model;
  if (!model) return null;
  const lines = model.about.map(pair => pair.map(csvField).join(','));
  lines.push('');
  lines.push(model.header.map(csvField).join(','));
  model.rows.forEach(r => lines.push(r.cells.map(c => csvField(c.text)).join(',')));
  return lines.join('\r\n') + '\r\n';
}

function downloadCsv() {
  const csv = breakdownCsv();
  if (!csv) return;
  const about = Object.fromEntries(document.getElementById('breakdown-table').model.about);
  const link = document.getElementById('csv-link');
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  link.download = ['reoffending', about.cohort.split(' ')[0], about['measured from'], about.breakdown,
    about.window.replace(' to ', '_'), 'asof', about['as of']].join('_') + '.csv';
  link.click();
}

// ---- ETE outputs and the Academy -------------------------------------------------------------------------------

function barChart(id, title, rows, labelOf, valueOf) {
  chart(id).setOption({
    animation: false,
    title: { text: title, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', valueFormatter: v => (absent(v) ? suppressedText : num(v)) },
    grid: { left: 150, right: 40, top: 30, bottom: 20 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: rows.map(r => labelOf(r) + (r.suppressed ? ' (suppressed)' : '')) },
    series: [{ type: 'bar', data: rows.map(valueOf), itemStyle: { color: '#16324f' },
      label: { show: true, position: 'right', formatter: l => num(l.value) } }],
  }, true);
}

async function renderOutputs(p) {
  const [inWindow, fiveYears] = await Promise.all([
    api('/v1/ete/outputs?' + query({ from: p.from, to: p.to, asOf: p.asOf })),
    api('/v1/ete/outputs?' + query({ from: '2016-04-01', to: p.to, asOf: p.asOf })),
  ]);
  const asOf = inWindow.asOf ? ', as of ' + inWindow.asOf : '';
  kpis('outputs-kpis', inWindow.suppressed ? [[SUPPRESSED, 'took up support (under the disclosure threshold)']] : [
    [num(inWindow.tookUp), 'took up support, ' + p.from + ' to ' + p.to + asOf],
    [pct(inWindow.foundWorkRate), 'found work (' + num(inWindow.foundWork) + ')'],
    [pct(inWindow.sustainedRate), 'of those sustained 13 weeks (' + num(inWindow.sustained) + ')'],
  ]);
  barChart('courses-chart', 'Courses completed, 2016-04-01 to ' + p.to + ', by qualification',
    fiveYears.coursesCompleted.rows, r => r.qualification, r => r.completed);
  barChart('jobs-chart', 'Jobs started, 2016-04-01 to ' + p.to + ', by sector',
    fiveYears.jobsStarted.rows, r => r.sector, r => r.jobs);
  drawCaveats('outputs-caveats', [inWindow], []);
}

async function renderAcademy(p) {
  const a = await api('/v1/academy/progression?' + query({ asOf: p.academyAsOf }));
  const shown = v => (v === SUPPRESSED || absent(v) ? v : num(v));
  const mentor = status => {
    const row = a.mentors.rows.find(r => r.status === status) || {};
    return row.suppressed ? SUPPRESSED : row.people;
  };
  const byLe = (table, le) => (table && table.rows.find(r => r.livedExperience === le)) || {};
  kpis('academy-kpis', [
    [shown(mentor('graduated')), 'peer mentors graduated'],
    [shown(mentor('in-training')), 'in training'],
    [a.employeesWithLivedExperience.total.suppressed ? SUPPRESSED : num(a.employeesWithLivedExperience.total.people),
      'employees with lived experience'],
    [num(byLe(a.timeToStart, 'yes').medianWorkingDaysToStart) + ' vs ' + num(byLe(a.timeToStart, 'no').medianWorkingDaysToStart),
      'median working days to start, lived experience vs not'],
  ]);
  chart('academy-chart').setOption({
    animation: false, // a redraw (live refresh, a control) shows the new figures at once, never a blend of two
    tooltip: { trigger: 'axis', valueFormatter: v => (absent(v) ? suppressedText : v.toFixed(2) + '%') },
    grid: { left: 50, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: ['hired per application', 'left within 12 months'] },
    yAxis: { type: 'value', name: '%' },
    legend: { data: ['lived experience', 'no lived experience'] },
    series: ['yes', 'no'].map(le => ({
      name: le === 'yes' ? 'lived experience' : 'no lived experience', type: 'bar',
      itemStyle: { color: le === 'yes' ? '#2e8b57' : '#9fb7d0' },
      data: [byLe(a.recruitment, le).hireRate, byLe(a.retention, le).leftWithin12MonthsRate]
        .map(v => (absent(v) ? null : 100 * v)),
      label: { show: true, position: 'top', formatter: l => l.value.toFixed(1) + '%' },
    })),
  }, true);
  // Promotions, retention and sickness by lived experience, with the employees by level: a suppressed row shows as such.
  const sideBySide = (label, table, figure) => ({ cells: [cell(label), ...['yes', 'no'].map(le => {
    const row = byLe(table, le);
    return row.suppressed ? suppressedCell() : cell(figure(row));
  })] });
  const rows = [
    sideBySide('hired per application', a.recruitment, r => pct(r.hireRate)),
    sideBySide('median working days, appointment to start', a.timeToStart, r => num(r.medianWorkingDaysToStart)),
    sideBySide('left within 12 months', a.retention, r => pct(r.leftWithin12MonthsRate)),
    sideBySide('people promoted', a.promotions, r => num(r.people)),
    sideBySide('promotions', a.promotions, r => num(r.promotions)),
    sideBySide('sick days per employee-year', a.sickness, r => fixed(r.sicknessDaysPerEmployeeYear, 1)),
    ...a.employeesWithLivedExperience.rows.map(r => ({ cells: [cell('employees with lived experience at ' + r.level
      + ' level'), r.suppressed ? suppressedCell() : cell(num(r.people)), cell('')] })),
  ];
  drawTable('academy-table', { header: ['as of ' + a.asOf, 'lived experience', 'no lived experience'], rows });
  drawCaveats('academy-caveats', [a], []);
}

// ---- rendering and live refresh --------------------------------------------------------------------------------

const PANELS = { cohorts: renderCohorts, breakdown: renderBreakdown, outputs: renderOutputs, academy: renderAcademy };
let rendering = null;
let lastRefreshed = null;
let renderAgain = false;

// One render at a time; a change during a render draws once more after it, so the page never shows an older answer
// over a newer one. data-ready is true only when what is drawn matches the controls (for browser checks).
function render() {
  if (rendering) {
    renderAgain = true;
    return rendering;
  }
  document.body.dataset.ready = 'false';
  rendering = (async () => {
    do {
      renderAgain = false;
      const p = params();
      await Promise.all(Object.entries(PANELS).map(([panel, draw]) =>
        draw(p).then(() => clearError(panel), error => showError(panel, error))));
    } while (renderAgain);
    lastRefreshed = new Date();
    showRefreshStatus();
    document.body.dataset.renders = String(Number(document.body.dataset.renders) + 1);
    rendering = null;
    document.body.dataset.ready = 'true';
  })();
  return rendering;
}

// Live refresh: while events arrive the projection moves; re-fetch every N seconds while the toggle is on.
let liveTimer = null;
function scheduleLive() {
  if (liveTimer) clearInterval(liveTimer);
  liveTimer = null;
  if (document.getElementById('live').checked) {
    liveTimer = setInterval(() => { if (!document.hidden) render(); }, 1000 * Number(document.getElementById('every').value));
  }
}

function showRefreshStatus() {
  const every = document.getElementById('every').value;
  document.getElementById('last-refresh').textContent = (lastRefreshed ? 'last refreshed '
    + lastRefreshed.toLocaleTimeString('en-GB', { hour12: false }) : 'not yet loaded')
    + (liveTimer ? ', live: every ' + every + ' s' : ', live refresh off');
}

fillMonthPickers();
syncMeasuredFrom();
controls.addEventListener('submit', event => {
  event.preventDefault();
  render();
});
controls.addEventListener('change', event => {
  if (event.target.name === 'live' || event.target.name === 'every') {
    scheduleLive();
    showRefreshStatus();
    return;
  }
  if (event.target.name === 'cohort') syncMeasuredFrom();
  render();
});
document.getElementById('download-csv').addEventListener('click', downloadCsv);
scheduleLive();
render();
