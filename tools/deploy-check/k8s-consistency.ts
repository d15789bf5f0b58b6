import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import { SERVED_PATHS } from './app-env';
import { checkAppEnv } from './env-check';
import { AppContainer, appContainers, resolvePort, selects } from './k8s-apps';
import { checkIngresses } from './ingress-check';
import { checkHardening } from './k8s-hardening';
import { describeObject, K8sObject, ofKind } from './manifests';
import { checkNetworkPolicies } from './network-policy';

export interface KubernetesFacts {
  /** Secrets created out of band, by template (k8s/base/secret.template.yaml). */
  secretTemplates: K8sObject[];
  /** Metric names the apps expose (for the HPA's pods metrics). */
  appMetrics: ReadonlySet<string>;
  /** The most partitions of any topic: consumer-group apps cannot use more replicas. */
  maxPartitions: number;
}

/**
 * Everything a rendered set of manifests must agree on with the apps' code: their environment,
 * ports, probes, hardening, Services, Ingresses, autoscalers, disruption budgets and network
 * policies.
 */
export function checkKubernetes(objects: K8sObject[], facts: KubernetesFacts): string[] {
  const apps = appContainers(objects, facts.secretTemplates);
  const problems: string[] = [];
  for (const deployment of ofKind(objects, 'Deployment')) {
    if (!apps.some((app) => app.deployment === deployment)) {
      problems.push(`${describeObject(deployment)}: no container runs dist/apps/<app>/src/main.js`);
    }
  }
  for (const app of apps) {
    const mounts = (app.container.volumeMounts ?? []).map((mount) => mount.mountPath);
    problems.push(...app.envProblems, ...checkAppEnv(app.app, app.env, app.where, mounts));
    problems.push(...checkPorts(app), ...checkProbes(app), ...checkHardening(app));
  }
  problems.push(...checkServices(objects, apps));
  problems.push(...checkIngresses(objects));
  problems.push(...checkAutoscalers(objects, apps, facts));
  problems.push(...checkDisruptionBudgets(objects, apps));
  problems.push(...checkNetworkPolicies(objects, apps));
  return problems;
}

function checkPorts(app: AppContainer): string[] {
  const problems: string[] = [];
  if (app.port === undefined) return [`${app.where}: PORT is not a number`];
  if (!app.container.ports?.some((port) => port.containerPort === app.port)) {
    problems.push(
      `${app.where}: listens on ${app.port} (PORT) but declares no containerPort ${app.port}`,
    );
  }
  const annotations = app.deployment.spec?.template.metadata?.annotations ?? {};
  if (annotations['prometheus.io/scrape'] === 'true') {
    if (Number(annotations['prometheus.io/port']) !== app.port) {
      problems.push(
        `${app.where}: prometheus.io/port is ${annotations['prometheus.io/port']}, ` +
          `but the app serves /metrics on ${app.port}`,
      );
    }
    const path = annotations['prometheus.io/path'] ?? '/metrics';
    if (path !== '/metrics')
      problems.push(`${app.where}: prometheus.io/path ${path} is not /metrics`);
  }
  return problems;
}

const PROBES = [
  // Liveness must not depend on Kafka, Postgres or Redis: an outage would restart every pod.
  { field: 'livenessProbe', path: '/health/live' },
  // Readiness is what takes a replica out of its Service while a dependency is away.
  { field: 'readinessProbe', path: '/health/ready' },
  { field: 'startupProbe', path: undefined },
] as const;

function checkProbes(app: AppContainer): string[] {
  const problems: string[] = [];
  for (const { field, path } of PROBES) {
    const httpGet = app.container[field]?.httpGet;
    if (app.container[field] === undefined) {
      problems.push(`${app.where}: has no ${field}`);
    } else if (httpGet === undefined) {
      problems.push(`${app.where}: ${field} must be an httpGet on ${path ?? '/health/live'}`);
    } else {
      const probed = httpGet.path ?? '/';
      if (!(SERVED_PATHS as readonly string[]).includes(probed)) {
        problems.push(
          `${app.where}: ${field} probes ${probed}, which the app does not serve ` +
            `(it serves ${SERVED_PATHS.join(', ')})`,
        );
      } else if (path !== undefined && probed !== path) {
        problems.push(`${app.where}: ${field} probes ${probed}; it must probe ${path}`);
      }
      const port = resolvePort(httpGet.port, app.container);
      if (port !== app.port) {
        problems.push(
          `${app.where}: ${field} probes port ${httpGet.port}, but the app listens on ${app.port}`,
        );
      }
    }
  }
  return problems;
}

type ServiceObject = IService & K8sObject;

function checkServices(objects: K8sObject[], apps: AppContainer[]): string[] {
  const problems: string[] = [];
  for (const service of ofKind<ServiceObject>(objects, 'Service')) {
    const where = describeObject(service);
    const selected = apps.filter(
      (app) =>
        app.namespace === service.metadata.namespace && selects(service.spec?.selector, app.labels),
    );
    if (selected.length === 0) {
      problems.push(`${where}: selects no app's pods`);
      continue;
    }
    for (const port of service.spec?.ports ?? []) {
      for (const app of selected) {
        const target = resolvePort(port.targetPort ?? port.port, app.container);
        if (target !== app.port) {
          problems.push(
            `${where}: port ${port.port} targets ${port.targetPort ?? port.port}, ` +
              `but ${app.app} listens on ${app.port}`,
          );
        }
      }
    }
  }
  return problems;
}

type AutoscalerObject = IHorizontalPodAutoscaler & K8sObject;

function checkAutoscalers(
  objects: K8sObject[],
  apps: AppContainer[],
  facts: KubernetesFacts,
): string[] {
  const problems: string[] = [];
  for (const app of apps.filter((candidate) => candidate.app === 'producer')) {
    if ((app.deployment.spec?.replicas ?? 1) > 1) {
      problems.push(`${app.where}: more than one producer replica publishes every event twice`);
    }
  }
  for (const hpa of ofKind<AutoscalerObject>(objects, 'HorizontalPodAutoscaler')) {
    const where = describeObject(hpa);
    const spec = hpa.spec;
    if (spec === undefined) continue;
    const target = apps.find(
      (app) =>
        app.namespace === hpa.metadata.namespace &&
        spec.scaleTargetRef.kind === 'Deployment' &&
        app.deployment.metadata.name === spec.scaleTargetRef.name,
    );
    if (target === undefined) {
      problems.push(
        `${where}: scales ${spec.scaleTargetRef.kind} ${spec.scaleTargetRef.name}, which is not an app`,
      );
      continue;
    }
    if (target.app === 'producer') problems.push(`${where}: the producer must not be autoscaled`);
    if ((spec.minReplicas ?? 1) > spec.maxReplicas) {
      problems.push(
        `${where}: minReplicas ${spec.minReplicas} is above maxReplicas ${spec.maxReplicas}`,
      );
    }
    for (const metric of spec.metrics ?? []) {
      if (metric.pods && !facts.appMetrics.has(metric.pods.metric.name)) {
        problems.push(`${where}: pods metric ${metric.pods.metric.name} is not exposed by any app`);
      }
      const external = metric.external?.metric;
      if (external?.name === 'kafka_consumergroup_lag') {
        if (spec.maxReplicas > facts.maxPartitions) {
          problems.push(
            `${where}: maxReplicas ${spec.maxReplicas} is above the ${facts.maxPartitions} partitions ` +
              'a consumer group can share; the extra replicas would sit idle',
          );
        }
        // Group ids start with the app's Kafka client id (kafkaSettingsFrom): <prefix>-<app>.
        const group = external.selector?.matchLabels?.consumergroup ?? '';
        const clientId = `${target.env.get('KAFKA_CLIENT_PREFIX') ?? 'marketstream'}-${target.app}`;
        if (group !== clientId && !group.startsWith(`${clientId}-`)) {
          problems.push(
            `${where}: consumergroup ${JSON.stringify(group)} is not ${target.app}'s ` +
              `(${clientId} or ${clientId}-<group>)`,
          );
        }
      }
    }
  }
  return problems;
}

type BudgetObject = IPodDisruptionBudget & K8sObject;

function checkDisruptionBudgets(objects: K8sObject[], apps: AppContainer[]): string[] {
  const problems: string[] = [];
  const autoscaled = new Set(
    ofKind<AutoscalerObject>(objects, 'HorizontalPodAutoscaler').map(
      (hpa) => `${hpa.metadata.namespace}/${hpa.spec?.scaleTargetRef.name}`,
    ),
  );
  for (const pdb of ofKind<BudgetObject>(objects, 'PodDisruptionBudget')) {
    const where = describeObject(pdb);
    const selected = apps.filter(
      (app) =>
        app.namespace === pdb.metadata.namespace &&
        selects(pdb.spec?.selector?.matchLabels, app.labels),
    );
    if (selected.length === 0) problems.push(`${where}: selects no app's pods`);
    const minAvailable = pdb.spec?.minAvailable;
    for (const app of selected) {
      const key = `${app.namespace}/${app.deployment.metadata.name}`;
      const replicas = app.deployment.spec?.replicas ?? 1;
      if (typeof minAvailable === 'number' && !autoscaled.has(key) && minAvailable >= replicas) {
        problems.push(
          `${where}: minAvailable ${minAvailable} of ${replicas} replica(s) blocks every node drain`,
        );
      }
    }
  }
  return problems;
}
