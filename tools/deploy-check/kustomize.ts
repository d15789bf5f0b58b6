import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { deepClone, isRecord, Json, K8sObject, objectKey, readManifests } from './manifests';

/*
 * A small, offline kustomize: just the features k8s/ uses, so CI can render the overlays without a
 * kubectl binary. Anything else in a kustomization.yaml (or a `$patch` directive) is refused rather
 * than half-applied, and `kustomize-equivalence.int-spec.ts` compares the output with
 * `kubectl kustomize` wherever kubectl is installed. Supported:
 *   resources   files (multi-document YAML) and directories holding a kustomization.yaml
 *   patches     `- path: file.yaml` strategic-merge patches, matched by apiVersion, kind and name,
 *               or by `target: { kind, name? }` (exact values) for one patch applied to many objects
 *   namespace   set on every namespaced object
 *   images      `name` → `newName` / `newTag` / `digest` in containers and initContainers
 */

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'images',
  'patches',
]);

const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
]);

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
]);

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

interface PatchTarget {
  kind: string;
  name?: string;
}

interface Kustomization {
  resources?: string[];
  namespace?: string;
  images?: ImageRule[];
  patches?: { path: string; target?: PatchTarget }[];
}

/** Renders `dir/kustomization.yaml` like `kubectl kustomize dir` (for the supported subset). */
export function renderKustomization(dir: string): K8sObject[] {
  const kustomization = readKustomization(dir);
  const objects: K8sObject[] = [];
  for (const entry of kustomization.resources ?? []) {
    const path = resolve(dir, entry);
    if (!existsSync(path)) throw new Error(`${dir}: resource ${entry} does not exist`);
    objects.push(
      ...(statSync(path).isDirectory() ? renderKustomization(path) : readManifests(path)),
    );
  }
  assertUnique(objects, dir);
  for (const patch of kustomization.patches ?? []) {
    for (const document of readManifests(resolve(dir, patch.path))) {
      applyPatch(objects, document, patch.target, `${dir}/${patch.path}`);
    }
  }
  if (kustomization.namespace !== undefined) setNamespace(objects, kustomization.namespace);
  for (const rule of kustomization.images ?? []) setImages(objects, rule);
  return objects;
}

function readKustomization(dir: string): Kustomization {
  const file = join(dir, 'kustomization.yaml');
  const content = parse(readFileSync(file, 'utf8')) as unknown;
  if (!isRecord(content)) throw new Error(`${file}: not a mapping`);
  const unsupported = Object.keys(content).filter((key) => !SUPPORTED_FIELDS.has(key));
  if (unsupported.length > 0) {
    throw new Error(`${file}: ${unsupported.join(', ')} not supported by tools/deploy-check`);
  }
  for (const patch of (content.patches as unknown[] | undefined) ?? []) {
    const target = isRecord(patch) ? patch.target : undefined;
    const valid =
      isRecord(patch) &&
      typeof patch.path === 'string' &&
      Object.keys(patch).every((key) => key === 'path' || key === 'target') &&
      (target === undefined ||
        (isRecord(target) &&
          typeof target.kind === 'string' &&
          Object.keys(target).every((key) => key === 'kind' || key === 'name')));
    if (!valid) {
      throw new Error(`${file}: only "- path: <file>" patches (target: kind, name) are supported`);
    }
  }
  return content;
}

function assertUnique(objects: K8sObject[], dir: string): void {
  const seen = new Set<string>();
  for (const object of objects) {
    const key = objectKey(object);
    if (seen.has(key)) throw new Error(`${dir}: ${key} is defined twice`);
    seen.add(key);
  }
}

function applyPatch(
  objects: K8sObject[],
  patch: K8sObject,
  target: PatchTarget | undefined,
  source: string,
): void {
  // With a target, the patch's own name is ignored (kustomize: the target selects).
  const matches = (object: K8sObject) =>
    target === undefined
      ? object.apiVersion === patch.apiVersion &&
        object.kind === patch.kind &&
        object.metadata.name === patch.metadata.name &&
        (patch.metadata.namespace === undefined ||
          object.metadata.namespace === patch.metadata.namespace)
      : object.kind === target.kind &&
        (target.name === undefined || object.metadata.name === target.name);
  const indexes = objects.flatMap((object, index) => (matches(object) ? [index] : []));
  if (indexes.length === 0)
    throw new Error(`${source}: the patch matches nothing: ${objectKey(patch)}`);
  for (const index of indexes) {
    const object = objects[index];
    const builtIn = WORKLOAD_KINDS.has(object.kind) || object.kind === 'Service';
    const body =
      target === undefined
        ? patch
        : { ...patch, metadata: { ...patch.metadata, name: object.metadata.name } };
    objects[index] = mergePatch(object as Json, body as Json, object.kind, builtIn) as K8sObject;
  }
}

/**
 * Strategic merge: maps merge key by key (null deletes), lists with a merge key merge element by
 * element (the patch's elements first, in its order, then the untouched originals, as kustomize
 * does), every other list is replaced. Merge keys are known only for built-in kinds: for custom
 * resources kustomize falls back to a JSON merge patch, where every list is replaced.
 */
export function mergePatch(original: Json, patch: Json, kind: string, builtIn: boolean): Json {
  if (isRecord(patch)) {
    const directives = Object.keys(patch).filter((key) => key.startsWith('$'));
    if (directives.length > 0) throw new Error(`${directives.join(', ')} not supported`);
    const result: Record<string, Json> = isRecord(original) ? { ...original } : {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete result[key];
      else result[key] = mergeField(result[key], value, key, kind, builtIn);
    }
    return result;
  }
  return deepClone(patch);
}

function mergeField(original: Json, patch: Json, field: string, kind: string, builtIn: boolean) {
  if (!Array.isArray(patch)) return mergePatch(original, patch, kind, builtIn);
  const key = builtIn ? mergeKey(field, kind, patch) : undefined;
  if (key === undefined || !Array.isArray(original)) return deepClone(patch);
  const keyOf = (item: Json) => (isRecord(item) ? item[key] : undefined);
  const patched = patch.map((item) => {
    const match = original.find((candidate) => keyOf(candidate) === keyOf(item));
    return match === undefined ? deepClone(item) : mergePatch(match, item, kind, builtIn);
  });
  const patchKeys = new Set(patch.map(keyOf));
  return [...patched, ...original.filter((item) => !patchKeys.has(keyOf(item)))];
}

function mergeKey(field: string, kind: string, items: Json[]): string | undefined {
  if (kind === 'Service') return field === 'ports' ? 'port' : undefined;
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'ports':
      return items.every((item) => isRecord(item) && 'containerPort' in item)
        ? 'containerPort'
        : undefined;
    default:
      return undefined;
  }
}

function setNamespace(objects: K8sObject[], namespace: string): void {
  for (const object of objects) {
    if (!CLUSTER_SCOPED_KINDS.has(object.kind)) object.metadata.namespace = namespace;
  }
}

function setImages(objects: K8sObject[], rule: ImageRule): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
        for (const container of value) {
          if (isRecord(container) && typeof container.image === 'string') {
            container.image = rewriteImage(container.image, rule);
          }
        }
      }
      visit(value);
    }
  };
  objects.forEach(visit);
}

export function rewriteImage(image: string, rule: ImageRule): string {
  const [withTag, digest] = image.split('@', 2);
  const colon = withTag.lastIndexOf(':');
  const hasTag = colon > withTag.lastIndexOf('/');
  const name = hasTag ? withTag.slice(0, colon) : withTag;
  if (name !== rule.name) return image;
  const tag = hasTag ? withTag.slice(colon + 1) : undefined;
  const newName = rule.newName ?? name;
  if (rule.digest !== undefined) return `${newName}@${rule.digest}`;
  if (rule.newTag !== undefined) return `${newName}:${rule.newTag}`;
  return `${newName}${tag === undefined ? '' : `:${tag}`}${digest === undefined ? '' : `@${digest}`}`;
}
