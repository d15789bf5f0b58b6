import { SHUTDOWN_DEADLINE_SECONDS } from './app-env';
import { AppContainer } from './k8s-apps';

/**
 * The restricted Pod Security Standard and then some: non-root with a numeric uid, no privilege
 * escalation, a read-only root filesystem, no capabilities, the runtime's seccomp profile; CPU and
 * memory requests and limits (requests within limits); a grace period the app's shutdown fits in.
 */
export function checkHardening(app: AppContainer): string[] {
  const problems: string[] = [];
  const pod = app.pod.securityContext ?? {};
  const own = app.container.securityContext ?? {};
  const fail = (message: string) => problems.push(`${app.where}: ${message}`);

  if ((own.runAsNonRoot ?? pod.runAsNonRoot) !== true)
    fail('securityContext.runAsNonRoot must be true');
  const uid = own.runAsUser ?? pod.runAsUser;
  // The image's USER is the name `node`: the kubelet can only check a numeric uid against runAsNonRoot.
  if (uid === undefined || uid === 0)
    fail('securityContext.runAsUser must be a numeric non-root uid (1000)');
  if ((own.seccompProfile ?? pod.seccompProfile)?.type !== 'RuntimeDefault') {
    fail('securityContext.seccompProfile.type must be RuntimeDefault');
  }
  if (own.allowPrivilegeEscalation !== false)
    fail('securityContext.allowPrivilegeEscalation must be false');
  if (own.readOnlyRootFilesystem !== true)
    fail('securityContext.readOnlyRootFilesystem must be true');
  if (!(own.capabilities?.drop ?? []).includes('ALL'))
    fail('securityContext.capabilities.drop must include ALL');

  const requests = app.container.resources?.requests ?? {};
  const limits = app.container.resources?.limits ?? {};
  for (const resource of ['cpu', 'memory']) {
    const request = requests[resource];
    const limit = limits[resource];
    if (request === undefined) fail(`resources.requests.${resource} is not set`);
    if (limit === undefined) fail(`resources.limits.${resource} is not set`);
    if (request !== undefined && limit !== undefined) {
      const [requested, limited] = [parseQuantity(request), parseQuantity(limit)];
      if (requested === undefined || limited === undefined) {
        fail(`resources.${resource}: ${request} / ${limit} is not a quantity`);
      } else if (requested > limited) {
        fail(`resources.requests.${resource} ${request} is above its limit ${limit}`);
      }
    }
  }

  const grace = app.pod.terminationGracePeriodSeconds ?? 30;
  const needed = preStopSeconds(app) + SHUTDOWN_DEADLINE_SECONDS;
  if (grace <= needed) {
    fail(
      `terminationGracePeriodSeconds ${grace} must be above preStop (${preStopSeconds(app)} s) ` +
        `plus the app's ${SHUTDOWN_DEADLINE_SECONDS} s shutdown deadline`,
    );
  }
  return problems;
}

/** Seconds a `sleep N` preStop hook holds the pod before SIGTERM reaches the app. */
export function preStopSeconds(app: AppContainer): number {
  const command = app.container.lifecycle?.preStop?.exec?.command?.join(' ') ?? '';
  const sleep = /(?:^|\s)sleep\s+(\d+)/.exec(command);
  return sleep ? Number(sleep[1]) : 0;
}

const SUFFIXES: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** A Kubernetes quantity (`250m`, `1`, `512Mi`, `1Gi`) as a number, for comparisons. */
export function parseQuantity(quantity: string | number): number | undefined {
  if (typeof quantity === 'number') return quantity;
  const match = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (!match) return undefined;
  return Number(match[1]) * SUFFIXES[match[2] ?? ''];
}
