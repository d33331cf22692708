/**
 * The dashboard's two charts, drawn by Chart.js. Only the controllers and elements they use are
 * registered, so the bundle carries nothing else.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js'
import type { Day, Funnel, FunnelStep } from './api.ts'
import { formatCount, formatDay, formatPercent, formatShortDay } from './format.ts'

Chart.register(BarController, BarElement, CategoryScale, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip)

const DEFLECTION = '#1f4fd1'
const ESCALATION = '#b42318'

/**
 * The trend chart's series, for the page's own legend: Chart.js draws a dashed line's legend box
 * with the dash pattern, which renders as a jagged blob; an SVG line shows the real stroke.
 */
export const TREND_SERIES = [
  { label: 'Deflection rate', color: DEFLECTION, dash: '' },
  { label: 'Escalation rate', color: ESCALATION, dash: '6 4' },
] as const
const FUNNEL = ['#1f4fd1', '#3763d8', '#4f77df', '#0a7a3d', '#b42318']

/** Daily deflection and escalation rates, in percent. */
export function trendChart(canvas: HTMLCanvasElement, days: readonly Day[]): Chart {
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: days.map((d) => formatShortDay(d.date)),
      datasets: [
        { label: 'Deflection rate', data: days.map((d) => d.deflectionRate * 100), borderColor: DEFLECTION, backgroundColor: DEFLECTION, tension: 0.25 },
        { label: 'Escalation rate', data: days.map((d) => d.escalationRate * 100), borderColor: ESCALATION, backgroundColor: ESCALATION, borderDash: [6, 4], tension: 0.25 },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
      plugins: { legend: { display: false }, tooltip: { callbacks: { title: (items) => formatDay(days[items[0]?.dataIndex ?? 0]?.date), label: (c) => `${c.dataset.label}: ${formatPercent(Number(c.parsed.y) / 100)}` } } },
    },
  })
}

/** Funnel steps in order, with the words the chart and its text alternative use. */
export const FUNNEL_STEPS: readonly { key: FunnelStep; label: string }[] = [
  { key: 'searches', label: 'Searches' },
  { key: 'clicked', label: 'Clicked a result' },
  { key: 'viewed', label: 'Viewed an article' },
  { key: 'helpful', label: 'Voted helpful' },
  { key: 'contacted', label: 'Contacted support' },
]

/** The search funnel as horizontal bars. */
export function funnelChart(canvas: HTMLCanvasElement, funnel: Funnel): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: FUNNEL_STEPS.map((s) => s.label),
      datasets: [{ label: 'Count', data: FUNNEL_STEPS.map((s) => funnel[s.key]), backgroundColor: FUNNEL }],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: 'y',
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => formatCount(Number(c.parsed.x)) } } },
    },
  })
}
