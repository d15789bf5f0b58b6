import type { IHTTPIngressPath } from 'kubernetes-models/networking.k8s.io/v1/HTTPIngressPath';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IService } from 'kubernetes-models/v1/Service';
import { describeObject, K8sObject, ofKind } from './manifests';

type IngressObject = IIngress & K8sObject;
type ServiceObject = IService & K8sObject;

/**
 * ingress-nginx's read and send timeouts for a route to /ws. Its 60 s default closes a WebSocket
 * idle that long; an hour is above the longest heartbeat the gateway accepts (WS_HEARTBEAT_MS up
 * to 600 s), so nginx never closes a socket the gateway keeps alive.
 */
export const WS_PROXY_TIMEOUT_SECONDS = 3600;
const WS_TIMEOUTS = [
  'nginx.ingress.kubernetes.io/proxy-read-timeout',
  'nginx.ingress.kubernetes.io/proxy-send-timeout',
];

/**
 * Each Ingress: every host it serves is in its `tls` (none served as plain HTTP), every backend is
 * a Service of its namespace on a port that Service has, and a route to /ws keeps WebSockets open.
 */
export function checkIngresses(objects: K8sObject[]): string[] {
  const services = ofKind<ServiceObject>(objects, 'Service');
  return ofKind<IngressObject>(objects, 'Ingress').flatMap((ingress) => {
    const where = describeObject(ingress);
    const problems: string[] = [];
    const tlsHosts = new Set((ingress.spec?.tls ?? []).flatMap((tls) => tls.hosts ?? []));
    const paths = (ingress.spec?.rules ?? []).flatMap((rule) => {
      if (rule.host === undefined || !tlsHosts.has(rule.host)) {
        problems.push(`${where}: host ${rule.host ?? '*'} has no TLS (it is not in spec.tls)`);
      }
      return rule.http?.paths ?? [];
    });
    for (const path of paths) {
      const backend = path.backend.service;
      if (backend === undefined) continue;
      const service = services.find(
        (candidate) =>
          candidate.metadata.name === backend.name &&
          candidate.metadata.namespace === ingress.metadata.namespace,
      );
      const port = backend.port?.name ?? backend.port?.number;
      const hasPort = service?.spec?.ports?.some((entry) =>
        backend.port?.name === undefined ? entry.port === port : entry.name === port,
      );
      if (service === undefined) {
        problems.push(
          `${where}: ${path.path} goes to Service ${backend.name}, which does not exist`,
        );
      } else if (!hasPort) {
        problems.push(
          `${where}: ${path.path} goes to port ${port} of Service ${backend.name}, which has no such port`,
        );
      }
    }
    if (paths.some(routesWebSocket)) problems.push(...checkWsTimeouts(ingress, where));
    return problems;
  });
}

function routesWebSocket({ path, pathType }: IHTTPIngressPath): boolean {
  if (path === '/ws') return true;
  return (
    pathType !== 'Exact' && (path === '/' || (path !== undefined && '/ws'.startsWith(`${path}/`)))
  );
}

function checkWsTimeouts(ingress: IngressObject, where: string): string[] {
  const annotations = ingress.metadata.annotations ?? {};
  return WS_TIMEOUTS.flatMap((name) => {
    const raw = annotations[name];
    if (raw !== undefined && /^\d+$/.test(raw) && Number(raw) >= WS_PROXY_TIMEOUT_SECONDS)
      return [];
    const got = raw === undefined ? 'it is not set' : `got ${JSON.stringify(raw)}`;
    return [
      `${where}: routes /ws, so ${name} must be at least ${WS_PROXY_TIMEOUT_SECONDS} s (${got})`,
    ];
  });
}
