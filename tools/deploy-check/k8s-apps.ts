import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { appOfCommand } from './app-env';
import { DeployedEnv, listenPort } from './env-check';
import { resolveContainerEnv } from './k8s-env';
import { describeObject, K8sObject, ofKind } from './manifests';

export type DeploymentObject = IDeployment & K8sObject;

/** One app container of a rendered Deployment, with what it was given. */
export interface AppContainer {
  deployment: DeploymentObject;
  app: string;
  container: IContainer;
  pod: IPodSpec;
  labels: Record<string, string>;
  namespace: string | undefined;
  env: DeployedEnv;
  /** Where the app listens: the PORT it is given, else its default. */
  port: number | undefined;
  /** `Deployment ns/name container c (app)`: how problems name it. */
  where: string;
  envProblems: string[];
}

/** Every container that runs one of the apps (`dist/apps/<app>/src/main.js` in its command). */
export function appContainers(objects: K8sObject[], secretTemplates: K8sObject[]): AppContainer[] {
  return ofKind<DeploymentObject>(objects, 'Deployment').flatMap((deployment) => {
    const pod = deployment.spec?.template.spec;
    if (pod === undefined) return [];
    return pod.containers.flatMap((container) => {
      const app = appOfCommand([...(container.command ?? []), ...(container.args ?? [])]);
      if (app === undefined) return [];
      const namespace = deployment.metadata.namespace;
      const resolved = resolveContainerEnv(container, namespace, objects, secretTemplates);
      const where = `${describeObject(deployment)} container ${container.name} (${app})`;
      return [
        {
          deployment,
          app,
          container,
          pod,
          labels: deployment.spec?.template.metadata?.labels ?? {},
          namespace,
          env: resolved.env,
          port: listenPort(app, resolved.env),
          where,
          envProblems: resolved.problems.map((problem) => `${where}: ${problem}`),
        },
      ];
    });
  });
}

/** A probe's or Service's port (a number, or the name of one of the container's ports). */
export function resolvePort(
  port: number | string | undefined,
  container: IContainer,
): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort;
}

/** Whether a `matchLabels` selector selects pods with `labels` (an empty selector selects all). */
export function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
}
