import { ALL_TOPICS } from '@app/contracts';
import { join } from 'node:path';
import { KubernetesFacts } from './k8s-consistency';
import { readManifests } from './manifests';
import { appMetricNames } from './metrics-check';
import { TopicSpec } from './topics-check';

export const ROOT = join(__dirname, '..', '..');
export const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
export const PROMETHEUS_CONFIG = join(ROOT, 'deploy', 'prometheus', 'prometheus.yml');
export const GRAFANA_DASHBOARD = join(ROOT, 'deploy', 'grafana', 'dashboards', 'marketstream.json');
export const K8S_BASE = join(ROOT, 'k8s', 'base');
export const SECRET_TEMPLATE = join(K8S_BASE, 'secret.template.yaml');
/** Every kustomization a deployment can be made from. */
export const KUSTOMIZATIONS = ['k8s/base', 'k8s/overlays/dev', 'k8s/overlays/prod'] as const;

/** The contracts' topics, as the deployment must create them. */
export const CONTRACT_TOPICS: TopicSpec[] = ALL_TOPICS.map(({ name, partitions }) => ({
  name,
  partitions,
}));

export function kubernetesFacts(): KubernetesFacts {
  return {
    secretTemplates: readManifests(SECRET_TEMPLATE),
    appMetrics: appMetricNames(ROOT),
    maxPartitions: Math.max(...CONTRACT_TOPICS.map((topic) => topic.partitions)),
  };
}
