import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import {
  appOfCommand,
  APPS_WITHOUT_METRICS,
  SERVED_PATHS,
  SHUTDOWN_DEADLINE_SECONDS,
} from './app-env';
import {
  checkAppEnv,
  DeployedEnv,
  dependenciesOf,
  INFRASTRUCTURE_VARIABLES,
  listenPort,
} from './env-check';
import { isRecord } from './manifests';

export const COMPOSE_INSTALL = 'apt-get install -y --no-install-recommends docker-compose';

export interface ComposeService {
  image?: string;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null>;
  healthcheck?: { test?: string | string[] };
  depends_on?: Record<string, { condition?: string }>;
  ports?: (string | { target?: number; published?: number | string })[];
  stop_grace_period?: string;
}

export interface ComposeConfig {
  services: Record<string, ComposeService>;
}

/**
 * Runs docker-compose (v1, Debian's) on `file`. The environment is reduced to PATH and an env file
 * holding only `variables` (none by default), so `${VAR:-default}` resolves to the file's defaults,
 * or to what the caller sets as a user would, whatever the machine has set.
 */
export function runCompose(
  file: string,
  args: string[],
  path = process.env.PATH ?? '/usr/bin:/bin',
  variables: Record<string, string> = {},
): { status: number; output: string } {
  // A file of our own: a developer's .env must not change what the check sees.
  const envFile = join(tmpdir(), `deploy-check-${process.pid}.env`);
  writeFileSync(
    envFile,
    Object.entries(variables)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  );
  const result = spawnSync(
    'docker-compose',
    ['--env-file', envFile, '--project-directory', dirname(file), '-f', file, ...args],
    { encoding: 'utf8', env: { PATH: path } },
  );
  rmSync(envFile, { force: true });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing ? `docker-compose is not installed: ${COMPOSE_INSTALL}` : result.error.message,
    );
  }
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}`.trim() };
}

/**
 * The file as compose resolves it: anchors merged, variables interpolated (with `variables` set,
 * as `docker compose --env-file` would), forms normalized.
 */
export function composeConfig(file: string, variables: Record<string, string> = {}): ComposeConfig {
  const { status, output } = runCompose(file, ['config'], undefined, variables);
  if (status !== 0) throw new Error(`docker-compose config failed: ${output}`);
  return parse(output) as ComposeConfig;
}

export function commandOf(service: ComposeService): string[] {
  const parts = [service.entrypoint, service.command].flatMap((part) =>
    part === undefined ? [] : Array.isArray(part) ? part : part.split(/\s+/),
  );
  return parts.filter((part) => part !== '');
}

/** The app services of a compose file, with what they are given. */
export interface ComposeApp {
  service: string;
  app: string;
  env: DeployedEnv;
  port: number | undefined;
  where: string;
}

export function composeApps(config: ComposeConfig): ComposeApp[] {
  return Object.entries(config.services).flatMap(([service, definition]) => {
    const app = appOfCommand(commandOf(definition));
    if (app === undefined) return [];
    const env: DeployedEnv = new Map(
      Object.entries(definition.environment ?? {}).map(([name, value]) => [
        name,
        value === null ? undefined : String(value),
      ]),
    );
    return [
      {
        service,
        app,
        env,
        port: listenPort(app, env),
        where: `compose service ${service} (${app})`,
      },
    ];
  });
}

/**
 * Each app service against its app's code: environment, health check (a path the app serves, on
 * the port it listens on), published ports, start order (healthy dependencies, topics created
 * first) and a stop grace period its shutdown fits in.
 */
export function checkCompose(config: ComposeConfig): string[] {
  const apps = composeApps(config);
  const problems: string[] = [];
  const init = Object.entries(config.services).find(([, service]) =>
    commandOf(service).join(' ').includes('kafka-topics.sh'),
  )?.[0];
  for (const app of apps) {
    const service = config.services[app.service];
    problems.push(...checkAppEnv(app.app, app.env, app.where));
    problems.push(...checkHealthcheck(app, service));
    for (const mapping of service.ports ?? []) {
      const target =
        typeof mapping === 'string'
          ? Number(/(\d+)(?:\/\w+)?$/.exec(mapping)?.[1])
          : mapping.target;
      if (target !== app.port)
        problems.push(
          `${app.where}: publishes container port ${target}, but the app listens on ${app.port}`,
        );
    }
    // Kafka, Postgres and Redis run beside the apps; other servers (the exchange) may be outside.
    for (const dependency of dependenciesOf(app.app, app.env)) {
      const inCompose = config.services[dependency.host] !== undefined;
      // (An unset one is reported above: its default is localhost.)
      const given = app.env.has(dependency.variable);
      if (!inCompose && given && INFRASTRUCTURE_VARIABLES.has(dependency.variable)) {
        problems.push(
          `${app.where}: ${dependency.variable} points at ${dependency.host}, which is not a compose service`,
        );
      } else if (
        inCompose &&
        service.depends_on?.[dependency.host]?.condition !== 'service_healthy'
      ) {
        problems.push(
          `${app.where}: must depend on ${dependency.host} with condition service_healthy`,
        );
      }
    }
    const usesKafka = dependenciesOf(app.app, app.env).some(
      (dependency) => dependency.variable === 'KAFKA_BROKERS',
    );
    if (
      usesKafka &&
      init !== undefined &&
      service.depends_on?.[init]?.condition !== 'service_completed_successfully'
    ) {
      problems.push(
        `${app.where}: must depend on ${init} with condition service_completed_successfully`,
      );
    }
    const grace = parseDuration(service.stop_grace_period ?? '10s');
    if (grace === undefined || grace <= SHUTDOWN_DEADLINE_SECONDS) {
      problems.push(
        `${app.where}: stop_grace_period ${service.stop_grace_period ?? '10s (default)'} must be above ` +
          `the app's ${SHUTDOWN_DEADLINE_SECONDS} s shutdown deadline`,
      );
    }
  }
  return problems;
}

function checkHealthcheck(app: ComposeApp, service: ComposeService): string[] {
  const test = service.healthcheck?.test;
  const text = Array.isArray(test) ? test.join(' ') : (test ?? '');
  const urls = [...text.matchAll(/https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)(\/[^\s'"`)]*)?/g)];
  if (urls.length === 0)
    return [
      `${app.where}: needs a healthcheck that GETs http://127.0.0.1:${app.port}/health/ready`,
    ];
  return urls.flatMap(([url, port, path = '/']) => {
    const problems: string[] = [];
    if (Number(port) !== app.port)
      problems.push(`${app.where}: healthcheck ${url} is not the app's port ${app.port}`);
    if (!(SERVED_PATHS as readonly string[]).includes(path) || path === '/metrics') {
      problems.push(
        `${app.where}: healthcheck ${url}: the app serves /health/ready and /health/live, not ${path}`,
      );
    }
    return problems;
  });
}

/** `1m30s`, `20s`, `500ms` → seconds. */
export function parseDuration(value: string): number | undefined {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== value) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6 };
  return parts.reduce((sum, [, amount, u]) => sum + Number(amount) * unit[u], 0);
}

/** The kafka-init service's script: the text its topics are read from. */
export function kafkaInitScript(config: ComposeConfig): string | undefined {
  const service = Object.values(config.services).find((candidate) =>
    commandOf(candidate).join(' ').includes('kafka-topics.sh'),
  );
  if (service === undefined) return undefined;
  const parts = [service.entrypoint, service.command].flatMap((part) =>
    part === undefined ? [] : Array.isArray(part) ? part : [part],
  );
  return parts.join('\n');
}

/**
 * Prometheus (compose `monitoring` profile) scrapes every app service that has metrics on its port
 * and /metrics.
 */
export function checkPrometheusConfig(prometheus: unknown, apps: ComposeApp[]): string[] {
  const problems: string[] = [];
  const configs = (
    isRecord(prometheus) && Array.isArray(prometheus.scrape_configs)
      ? prometheus.scrape_configs
      : []
  ) as {
    job_name?: string;
    metrics_path?: string;
    static_configs?: { targets?: string[] }[];
  }[];
  const scraped = configs.flatMap((config) =>
    (config.static_configs ?? []).flatMap((group) =>
      (group.targets ?? []).map((target) => ({
        target,
        path: config.metrics_path ?? '/metrics',
        job: config.job_name,
      })),
    ),
  );
  for (const app of apps.filter((candidate) => !APPS_WITHOUT_METRICS.has(candidate.app))) {
    const mine = scraped.filter(({ target }) => target.split(':')[0] === app.service);
    if (mine.length === 0) problems.push(`prometheus.yml: no job scrapes ${app.service}`);
    for (const { target, path, job } of mine) {
      if (target !== `${app.service}:${app.port}`) {
        problems.push(
          `prometheus.yml job ${job}: target ${target}, but ${app.service} listens on ${app.port}`,
        );
      }
      if (path !== '/metrics')
        problems.push(`prometheus.yml job ${job}: metrics_path ${path} is not /metrics`);
    }
  }
  return problems;
}
