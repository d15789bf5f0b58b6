import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describeObject, isRecord, K8sObject } from './manifests';

/*
 * Schema validation, offline: each built-in kind through its kubernetes-models class (the
 * Kubernetes OpenAPI schema: types, required fields, quantity and int-or-string formats; unknown
 * fields are not reported), Strimzi's KafkaTopic through a check of its own, since the Strimzi
 * models package needs Node 22.
 */

interface Validatable {
  validate(): void;
}

type ModelClass = new (data: never) => Validatable;

const MODELS: Record<string, ModelClass> = {
  'v1 ConfigMap': ConfigMap,
  'v1 Namespace': Namespace,
  'v1 Secret': Secret,
  'v1 Service': Service,
  'apps/v1 Deployment': Deployment,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1 Ingress': Ingress,
  'networking.k8s.io/v1 NetworkPolicy': NetworkPolicy,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
};

/** One line per invalid object (empty: all valid). */
export function validateManifests(objects: K8sObject[]): string[] {
  return objects.flatMap((object) =>
    validateManifest(object).map((problem) => `${describeObject(object)}: ${problem}`),
  );
}

export function validateManifest(object: K8sObject): string[] {
  const type = `${object.apiVersion} ${object.kind}`;
  if (type === 'kafka.strimzi.io/v1beta2 KafkaTopic') return validateKafkaTopic(object);
  if (type === 'kafka.strimzi.io/v1beta2 KafkaUser') return validateKafkaUser(object);
  const Model = MODELS[type];
  if (Model === undefined) return [`no schema for ${type}: add its kubernetes-models class`];
  const problems = validateName(object.metadata.name, object.kind);
  try {
    new Model(object as never).validate();
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Names the API server would refuse (the OpenAPI schema does not say what a name may be). */
function validateName(name: string, kind: string): string[] {
  // Services and Namespaces are DNS labels; most other kinds DNS subdomains.
  const label = kind === 'Service' || kind === 'Namespace';
  const valid = label
    ? DNS_LABEL.test(name) && name.length <= 63
    : DNS_SUBDOMAIN.test(name) && name.length <= 253;
  return valid ? [] : [`metadata.name ${JSON.stringify(name)} is not a valid ${kind} name`];
}

const TOPIC_SPEC_FIELDS = new Set(['topicName', 'partitions', 'replicas', 'config']);
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** Strimzi KafkaTopic (kafka.strimzi.io/v1beta2), as its CRD schema and Topic Operator require. */
export function validateKafkaTopic(object: K8sObject): string[] {
  const problems = validateStrimziMetadata(object);
  const spec = object.spec;
  if (!isRecord(spec)) return [...problems, 'spec is required'];
  for (const field of Object.keys(spec).filter((key) => !TOPIC_SPEC_FIELDS.has(key))) {
    problems.push(`spec.${field} is not a KafkaTopic field`);
  }
  if (
    spec.topicName !== undefined &&
    !(typeof spec.topicName === 'string' && TOPIC_NAME.test(spec.topicName))
  ) {
    problems.push('spec.topicName must be 1-249 letters, digits, dots, dashes or underscores');
  }
  if (!isPositiveInteger(spec.partitions)) problems.push('spec.partitions must be an integer >= 1');
  if (!isPositiveInteger(spec.replicas) || (spec.replicas as number) > 32767) {
    problems.push('spec.replicas must be an integer from 1 to 32767');
  }
  if (spec.config !== undefined) {
    if (!isRecord(spec.config)) problems.push('spec.config must be a map');
    else {
      for (const [key, value] of Object.entries(spec.config)) {
        if (!['string', 'number', 'boolean'].includes(typeof value)) {
          problems.push(`spec.config.${key} must be a string, number or boolean`);
        }
      }
    }
  }
  return problems;
}

/** A Strimzi resource's name, and the label naming the Kafka cluster its operator acts on. */
function validateStrimziMetadata(object: K8sObject): string[] {
  const problems = validateName(object.metadata.name, object.kind);
  const labels = object.metadata.labels;
  if (!isRecord(labels) || typeof labels['strimzi.io/cluster'] !== 'string') {
    problems.push('metadata.labels["strimzi.io/cluster"] must name the Kafka cluster');
  }
  return problems;
}

const USER_AUTHENTICATIONS = ['scram-sha-512', 'tls', 'tls-external'];

/** Strimzi KafkaUser (kafka.strimzi.io/v1beta2): a cluster label and an authentication type. */
export function validateKafkaUser(object: K8sObject): string[] {
  const problems = validateStrimziMetadata(object);
  const spec = object.spec;
  if (!isRecord(spec)) return [...problems, 'spec is required'];
  const authentication = spec.authentication;
  if (!isRecord(authentication) || !USER_AUTHENTICATIONS.includes(String(authentication.type))) {
    problems.push(`spec.authentication.type must be one of ${USER_AUTHENTICATIONS.join(', ')}`);
  }
  return problems;
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}
