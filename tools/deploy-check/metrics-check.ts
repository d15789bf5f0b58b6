import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';

const ROOT = join(__dirname, '..', '..');

/**
 * Metric names the apps register (`new Counter({ name: '...' })` and its siblings in apps/ and
 * libs/), read from the source so that a renamed metric breaks the dashboards' check.
 */
export function appMetricNames(root = ROOT): Set<string> {
  const names = new Set<string>();
  const pattern =
    /new\s+(?:Counter|Gauge|Histogram|Summary)\s*(?:<[^>]*>)?\(\s*\{\s*name:\s*['"]([a-zA-Z_:][a-zA-Z0-9_:]*)['"]/g;
  for (const file of sourceFiles([join(root, 'apps'), join(root, 'libs')])) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) names.add(match[1]);
  }
  return names;
}

function sourceFiles(dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter(
        (entry) =>
          entry.isFile() &&
          entry.name.endsWith('.ts') &&
          !/\.(e2e-|int-)?spec\.ts$/.test(entry.name),
      )
      .map((entry) => join(entry.parentPath, entry.name)),
  );
}

/** Every series name /metrics can show: the apps' metrics, prom-client's defaults, and suffixes. */
export async function exposedSeries(appMetrics: Set<string>): Promise<Set<string>> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const defaults = await registry.getMetricsAsJSON();
  registry.clear();
  const series = new Set<string>(['up', 'scrape_duration_seconds']);
  const base = [...appMetrics, ...defaults.map((metric) => metric.name)];
  for (const name of base) {
    for (const suffix of ['', '_bucket', '_sum', '_count']) series.add(`${name}${suffix}`);
  }
  return series;
}

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
  'inf',
  'nan',
]);

/** Metric names a PromQL expression reads (not functions, labels, keywords or durations). */
export function metricsOfExpression(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""') // strings
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // ranges
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ''); // label lists
  const names: string[] = [];
  for (const match of stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    if (match[2] === undefined && !PROMQL_WORDS.has(match[1].toLowerCase())) names.push(match[1]);
  }
  return names;
}

/** Grafana dashboard panels whose queries read a metric nothing exposes. */
export function checkDashboard(dashboard: unknown, series: Set<string>, where: string): string[] {
  const problems: string[] = [];
  const panels =
    (dashboard as { panels?: { title?: string; targets?: { expr?: string }[] }[] }).panels ?? [];
  if (panels.length === 0) problems.push(`${where}: no panels`);
  for (const panel of panels) {
    for (const target of panel.targets ?? []) {
      for (const name of metricsOfExpression(target.expr ?? '')) {
        if (!series.has(name)) {
          problems.push(`${where}: panel "${panel.title}" reads ${name}, which no app exposes`);
        }
      }
    }
  }
  return problems;
}
