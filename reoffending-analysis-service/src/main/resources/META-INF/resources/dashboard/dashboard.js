'use strict';
// The analyst dashboard: every figure is read from the analysis API of this service; nothing is computed here
// except the funnel's limit curves, drawn from the API's own tau2 and z values (the points carry their limits).

const COHORTS = [
  ['ete', 'All ETE participants'],
  ['found-work', 'Found work'],
  ['sustained-work', 'Sustained work 13 weeks'],
];
const STATUS_COLOURS = { alarm: '#a4000f', alert: '#e0761b', ok: '#4a78a8', better: '#2e8b57' };
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
const pct = v => (v === null || v === undefined ? '–' : (100 * v).toFixed(1) + '%');
const num = v => (v === null || v === undefined ? '–' : Number(v).toLocaleString('en-GB'));
const suppressedText = 'suppressed (under the disclosure threshold)';

// Windows and as-of dates are whole calendar months (the API answers 400 to any other day): the inputs pick a month
// (YYYY-MM); from and asOf are its first day, to its last.
const firstDay = month => (month ? month + '-01' : '');
function lastDay(month) {
  if (!month) return '';
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate(); // day 0 of the next month is the last of this one
  return month + '-' + String(days).padStart(2, '0');
}

function params() {
  const form = new FormData(document.getElementById('controls'));
  return { from: firstDay(form.get('from')), to: lastDay(form.get('to')), asOf: firstDay(form.get('asOf')),
    academyAsOf: firstDay(form.get('academyAsOf')) };
}

function query(values) {
  return Object.entries(values).filter(([, v]) => v).map(([k, v]) => k + '=' + encodeURIComponent(v)).join('&');
}

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
  document.getElementById(id).innerHTML = items.map(([value, label]) =>
    '<div class="kpi"><div class="value">' + value + '</div><div class="label">' + label + '</div></div>').join('');
}

async function renderCohorts(p) {
  const reports = await Promise.all(COHORTS.map(([cohort]) =>
    api('/v1/reoffending?' + query({ cohort, from: p.from, to: p.to, asOf: p.asOf }))));
  const totals = reports.map(r => r.total);
  chart('cohort-chart').setOption({
    tooltip: { trigger: 'axis', valueFormatter: v => (v === null ? suppressedText : v.toFixed(1) + '%') },
    legend: { data: ['Actual', 'Predicted (OGRS3)'] },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: COHORTS.map(([, label]) => label) },
    yAxis: { type: 'value', name: '% reoffended in a year', min: 0 },
    series: [
      { name: 'Actual', type: 'bar', data: totals.map(t => (t.actualRate === null ? null : 100 * t.actualRate)),
        itemStyle: { color: '#16324f' }, label: { show: true, position: 'top', formatter: l => l.value.toFixed(1) + '%' } },
      { name: 'Predicted (OGRS3)', type: 'bar', data: totals.map(t => (t.predictedRate === null ? null : 100 * t.predictedRate)),
        itemStyle: { color: '#9fb7d0' }, label: { show: true, position: 'top', formatter: l => l.value.toFixed(1) + '%' } },
    ],
  }, true);
  const rows = totals.map((t, i) => '<tr><td>' + COHORTS[i][1] + '</td><td>' + num(t.matured) + '</td><td>'
    + num(t.pending) + '</td><td>' + pct(t.actualRate) + '</td><td>'
    + (t.actualRateCi95 && t.actualRateCi95.defined ? pct(t.actualRateCi95.lower) + ' – ' + pct(t.actualRateCi95.upper) : '–')
    + '</td><td>' + pct(t.predictedRate) + '</td><td>'
    + (t.differencePoints === null ? '–' : t.differencePoints.toFixed(1)) + '</td><td>'
    + (t.pValue === null ? '–' : t.pValue < 0.001 ? '< 0.001' : t.pValue.toFixed(3)) + '</td></tr>');
  document.getElementById('cohort-table').innerHTML = '<tr><th>cohort</th><th>matured</th><th>pending</th>'
    + '<th>actual</th><th>95% CI (Wilson)</th><th>predicted</th><th>difference (points)</th><th>p</th></tr>' + rows.join('');
}

async function renderFunnel(p) {
  const report = await api('/v1/reoffending/alerts?' + query({ by: 'team', cohort: 'ete', from: p.from, to: p.to, asOf: p.asOf }));
  const assessed = report.rows.filter(r => r.assessed && !r.suppressed);
  const maxE = Math.max(1, ...assessed.map(r => r.expected));
  const minE = Math.max(0.5, Math.min(...assessed.map(r => r.expected)) / 2);
  const curve = (z, sign) => {
    const points = [];
    for (let i = 0; i <= 60; i++) {
      const e = minE * Math.pow((maxE * 1.1) / minE, i / 60);
      points.push([e, Math.exp(sign * z * Math.sqrt(1 / e + report.tau2))]);
    }
    return points;
  };
  const line = (name, data, colour, dashed) => ({ name, type: 'line', data, showSymbol: false, silent: true,
    lineStyle: { color: colour, width: 1, type: dashed ? 'dashed' : 'solid' }, itemStyle: { color: colour } });
  const byStatus = Object.keys(STATUS_COLOURS).map(status => ({
    name: status, type: 'scatter', symbolSize: 9, itemStyle: { color: STATUS_COLOURS[status] },
    data: assessed.filter(r => r.status === status).map(r => ({ value: [r.expected, r.ratio], row: r })),
    label: { show: status === 'alert' || status === 'alarm', position: 'right', formatter: d => d.data.row.group },
  }));
  chart('funnel-chart').setOption({
    // Tooltips are HTML: team names are partner-supplied text, so they are escaped.
    tooltip: { trigger: 'item', formatter: d => (d.data && d.data.row ? escape(d.data.row.group) + '<br>observed '
      + d.data.row.observed + ', expected ' + d.data.row.expected.toFixed(1) + '<br>O/E ' + d.data.row.ratio.toFixed(2)
      + ' (' + escape(d.data.row.status) + ')' : '') },
    legend: { data: ['alarm', 'alert', 'ok', 'better', '95% limits', '99.8% limits'] },
    grid: { left: 60, right: 150, top: 40, bottom: 45 },
    xAxis: { type: 'value', name: 'expected reoffenders (E)', nameLocation: 'middle', nameGap: 28, min: 0 },
    yAxis: { type: 'value', name: 'observed / expected', min: 0 },
    series: [
      ...byStatus,
      line('95% limits', curve(report.z95, 1), '#e0761b', true),
      line('95% limits', curve(report.z95, -1), '#e0761b', true),
      line('99.8% limits', curve(report.z998, 1), '#a4000f', false),
      line('99.8% limits', curve(report.z998, -1), '#a4000f', false),
      line('O/E = 1', [[0, 1], [maxE * 1.1, 1]], '#888', true),
    ],
  }, true);
  const flagged = report.rows.filter(r => r.status === 'alert' || r.status === 'alarm');
  document.getElementById('funnel-flagged').textContent = flagged.length === 0
    ? 'No team above the upper limits (' + report.k + ' teams assessed).'
    : 'Flagged: ' + flagged.map(r => r.group + ' (' + r.status + (r.ratio ? ', O/E ' + r.ratio.toFixed(2) : '') + ')').join(', ')
      + ' of ' + report.k + ' teams assessed.';
}

function barChart(id, title, rows, labelOf, valueOf) {
  chart(id).setOption({
    title: { text: title, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', valueFormatter: v => (v === null ? suppressedText : num(v)) },
    grid: { left: 150, right: 40, top: 30, bottom: 20 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: rows.map(labelOf) },
    series: [{ type: 'bar', data: rows.map(valueOf), itemStyle: { color: '#16324f' },
      label: { show: true, position: 'right', formatter: l => num(l.value) } }],
  }, true);
}

async function renderOutputs(p) {
  const [inWindow, fiveYears] = await Promise.all([
    api('/v1/ete/outputs?' + query({ from: p.from, to: p.to })),
    api('/v1/ete/outputs?' + query({ from: '2016-04-01', to: p.to })),
  ]);
  kpis('outputs-kpis', [
    [num(inWindow.tookUp), 'took up support'],
    [pct(inWindow.foundWorkRate), 'found work (' + num(inWindow.foundWork) + ')'],
    [pct(inWindow.sustainedRate), 'of those sustained 13 weeks (' + num(inWindow.sustained) + ')'],
  ]);
  barChart('courses-chart', 'Courses completed, 2016-04-01 to ' + p.to + ', by qualification',
    fiveYears.coursesCompleted.rows, r => r.qualification, r => r.completed);
  barChart('jobs-chart', 'Jobs started, 2016-04-01 to ' + p.to + ', by sector',
    fiveYears.jobsStarted.rows, r => r.sector, r => r.jobs);
}

async function renderAcademy(p) {
  const a = await api('/v1/academy/progression?' + query({ asOf: p.academyAsOf }));
  const mentors = status => (a.mentors.rows.find(r => r.status === status) || {}).people;
  const byLe = (table, le) => table.rows.find(r => r.livedExperience === le) || {};
  kpis('academy-kpis', [
    [num(mentors('graduated')), 'peer mentors graduated'],
    [num(mentors('in-training')), 'in training'],
    [num(a.employeesWithLivedExperience.total.people), 'employees with lived experience'],
    [num(byLe(a.timeToStart, 'yes').medianWorkingDaysToStart) + ' vs ' + num(byLe(a.timeToStart, 'no').medianWorkingDaysToStart),
      'median working days to start, lived experience vs not'],
  ]);
  chart('academy-chart').setOption({
    tooltip: { trigger: 'axis', valueFormatter: v => (v === null ? suppressedText : v.toFixed(2) + '%') },
    grid: { left: 50, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: ['hired per application', 'left within 12 months'] },
    yAxis: { type: 'value', name: '%' },
    legend: { data: ['lived experience', 'no lived experience'] },
    series: ['yes', 'no'].map(le => ({
      name: le === 'yes' ? 'lived experience' : 'no lived experience', type: 'bar',
      itemStyle: { color: le === 'yes' ? '#2e8b57' : '#9fb7d0' },
      data: [byLe(a.recruitment, le).hireRate, byLe(a.retention, le).leftWithin12MonthsRate]
        .map(v => (v === null || v === undefined ? null : 100 * v)),
      label: { show: true, position: 'top', formatter: l => l.value.toFixed(1) + '%' },
    })),
  }, true);
}

async function render() {
  const p = params();
  document.body.dataset.ready = 'false';
  const panels = { cohorts: renderCohorts, funnel: renderFunnel, outputs: renderOutputs, academy: renderAcademy };
  await Promise.all(Object.entries(panels).map(([panel, draw]) =>
    draw(p).then(() => clearError(panel), error => showError(panel, error))));
  document.body.dataset.ready = 'true'; // for browser checks: every panel has drawn or shown its error
}

document.getElementById('controls').addEventListener('submit', event => {
  event.preventDefault();
  render();
});
render();
