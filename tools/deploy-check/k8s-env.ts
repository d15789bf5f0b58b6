import type { IContainer } from 'kubernetes-models/v1/Container';
import { DeployedEnv } from './env-check';
import { isRecord, K8sObject } from './manifests';

/**
 * The environment Kubernetes would give a container: `envFrom` first, then `env` (which wins),
 * values looked up in the rendered ConfigMaps and Secrets of the same namespace, or, for a Secret
 * created out of band, in its template.
 */
export function resolveContainerEnv(
  container: IContainer,
  namespace: string | undefined,
  objects: K8sObject[],
  secretTemplates: K8sObject[],
): { env: DeployedEnv; problems: string[] } {
  const env: DeployedEnv = new Map();
  const problems: string[] = [];
  const lookup = (kind: 'ConfigMap' | 'Secret', name: string) =>
    dataOf(kind, name, namespace, objects, secretTemplates);

  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
    if (ref?.name === undefined) continue;
    const data = lookup(kind, ref.name);
    if (data === undefined) {
      if (!ref.optional) problems.push(`envFrom ${kind} ${ref.name} does not exist`);
      continue;
    }
    for (const [key, value] of Object.entries(data)) env.set(`${source.prefix ?? ''}${key}`, value);
  }

  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    const ref = from?.configMapKeyRef ?? from?.secretKeyRef;
    if (from === undefined) {
      env.set(variable.name, variable.value ?? '');
    } else if (ref === undefined) {
      env.set(variable.name, undefined); // fieldRef, resourceFieldRef: set, value unknown here
    } else {
      const kind = from.configMapKeyRef ? 'ConfigMap' : 'Secret';
      const data = lookup(kind, ref.name ?? '');
      if (data !== undefined && ref.key in data) env.set(variable.name, data[ref.key]);
      else if (!ref.optional) {
        problems.push(
          `${variable.name} refers to ${kind} ${ref.name} key ${ref.key}, which does not exist`,
        );
      }
    }
  }
  return { env, problems };
}

function dataOf(
  kind: 'ConfigMap' | 'Secret',
  name: string,
  namespace: string | undefined,
  objects: K8sObject[],
  secretTemplates: K8sObject[],
): Record<string, string> | undefined {
  const sameNamespace = (object: K8sObject) =>
    object.kind === kind &&
    object.metadata.name === name &&
    object.metadata.namespace === namespace;
  const object =
    objects.find(sameNamespace) ??
    (kind === 'Secret'
      ? secretTemplates.find((t) => t.kind === kind && t.metadata.name === name)
      : undefined);
  if (object === undefined) return undefined;
  const data: Record<string, string> = {};
  if (isRecord(object.data)) {
    for (const [key, value] of Object.entries(object.data)) {
      data[key] =
        kind === 'Secret' ? Buffer.from(String(value), 'base64').toString('utf8') : String(value);
    }
  }
  if (isRecord(object.stringData)) {
    for (const [key, value] of Object.entries(object.stringData)) data[key] = String(value);
  }
  return data;
}
