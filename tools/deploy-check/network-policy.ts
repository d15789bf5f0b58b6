import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { dependenciesOf } from './env-check';
import { AppContainer, resolvePort, selects } from './k8s-apps';
import { K8sObject, ofKind } from './manifests';

type PolicyObject = INetworkPolicy & K8sObject;

/** Apps clients reach directly: ingress from anywhere on their port. */
const PUBLIC_APPS = new Set(['gateway']);

/**
 * Under the NetworkPolicies that select it, each app can reach every server its environment points
 * it at (KAFKA_BROKERS and each URL variable, given or default: Postgres, Redis, the exchange's
 * REST or WebSocket API) and DNS; Prometheus can scrape it; clients can reach the gateway. Destinations
 * are not resolved (a hostname is not a pod selector): the ports are what is checked.
 */
export function checkNetworkPolicies(objects: K8sObject[], apps: AppContainer[]): string[] {
  const policies = ofKind<PolicyObject>(objects, 'NetworkPolicy');
  return apps.flatMap((app) => {
    const selecting = policies.filter(
      (policy) =>
        policy.metadata.namespace === app.namespace &&
        selects(policy.spec?.podSelector.matchLabels, app.labels),
    );
    const problems: string[] = [];
    const egress = rulesOf(selecting, 'Egress');
    if (egress !== undefined) {
      const needed = [
        { what: 'DNS', port: 53, protocol: 'UDP' },
        ...dependenciesOf(app.app, app.env).map((dependency) => ({
          what: `${dependency.variable} (${dependency.host}:${dependency.port})`,
          port: dependency.port,
          protocol: 'TCP',
        })),
      ];
      for (const { what, port, protocol } of needed) {
        if (!egress.some((rule) => allows(rule.ports, port, protocol, undefined))) {
          problems.push(
            `${app.where}: no NetworkPolicy lets it reach ${what} (egress ${protocol} ${port})`,
          );
        }
      }
    }
    const ingress = rulesOf(selecting, 'Ingress');
    if (ingress !== undefined && app.port !== undefined) {
      const open = ingress.filter((rule) => (rule.peers ?? []).length === 0);
      if (
        PUBLIC_APPS.has(app.app) &&
        !open.some((rule) => allows(rule.ports, app.port!, 'TCP', app.container))
      ) {
        problems.push(`${app.where}: no NetworkPolicy lets clients reach port ${app.port}`);
      }
      const scraped = app.deployment.spec?.template.metadata?.annotations?.['prometheus.io/scrape'];
      if (
        scraped === 'true' &&
        !ingress.some((rule) => allows(rule.ports, app.port!, 'TCP', app.container))
      ) {
        problems.push(`${app.where}: no NetworkPolicy lets Prometheus scrape port ${app.port}`);
      }
    }
    return problems;
  });
}

interface Rule {
  peers?: unknown[];
  ports?: INetworkPolicyPort[];
}

/** The rules of one direction, or undefined when no selecting policy restricts that direction. */
function rulesOf(policies: PolicyObject[], type: 'Ingress' | 'Egress'): Rule[] | undefined {
  const restricting = policies.filter((policy) => {
    const spec = policy.spec;
    const types = spec?.policyTypes ?? (spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']);
    return types.includes(type);
  });
  if (restricting.length === 0) return undefined;
  return restricting.flatMap((policy) =>
    type === 'Egress'
      ? (policy.spec?.egress ?? []).map((rule) => ({ peers: rule.to, ports: rule.ports }))
      : (policy.spec?.ingress ?? []).map((rule) => ({ peers: rule.from, ports: rule.ports })),
  );
}

/** A rule's ports allow `port`; named ports resolve against `container` (the policy's own pod). */
function allows(
  ports: INetworkPolicyPort[] | undefined,
  port: number,
  protocol: string,
  container: IContainer | undefined,
): boolean {
  if (ports === undefined || ports.length === 0) return true;
  return ports.some((entry) => {
    if ((entry.protocol ?? 'TCP') !== protocol) return false;
    if (entry.port === undefined) return true;
    const from = container
      ? resolvePort(entry.port, container)
      : typeof entry.port === 'number'
        ? entry.port
        : undefined;
    if (from === undefined) return false;
    return port >= from && port <= (entry.endPort ?? from);
  });
}
