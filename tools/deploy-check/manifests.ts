import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as parsed from YAML: only the fields every object has are typed. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `apps/v1 Deployment marketstream/gateway`: how problems name an object. */
export function describeObject(object: K8sObject): string {
  const namespace = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind} ${namespace}${object.metadata.name}`;
}

export function objectKey(object: K8sObject): string {
  return `${object.apiVersion} ${describeObject(object)}`;
}

/** Every document of a YAML file, skipping empty ones; a document without kind or name throws. */
export function parseManifests(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) {
        throw new Error(`${source}: ${document.errors.map((e) => e.message).join('; ')}`);
      }
      return document.toJS() as unknown;
    })
    .filter((value) => value !== null && value !== undefined)
    .map((value) => asObject(value, source));
}

export function readManifests(file: string): K8sObject[] {
  return parseManifests(readFileSync(file, 'utf8'), file);
}

function asObject(value: unknown, source: string): K8sObject {
  if (
    !isRecord(value) ||
    typeof value.apiVersion !== 'string' ||
    typeof value.kind !== 'string' ||
    !isRecord(value.metadata) ||
    typeof value.metadata.name !== 'string'
  ) {
    throw new Error(`${source}: a document without apiVersion, kind or metadata.name`);
  }
  return value as K8sObject;
}

export function ofKind<T extends K8sObject = K8sObject>(objects: K8sObject[], kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as T[];
}

export function deepClone<T>(value: T): T {
  return structuredClone(value);
}

/** The object of `kind` named `name`; throws when there is none (a test's edit must apply). */
export function findObject<T extends object = K8sObject>(
  objects: K8sObject[],
  kind: string,
  name: string,
): T & K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found as T & K8sObject;
}
