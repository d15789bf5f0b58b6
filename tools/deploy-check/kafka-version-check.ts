import { ComposeConfig } from './compose-check';
import { describeObject, K8sObject, ofKind } from './manifests';

const KAFKA_IMAGE = /^apache\/kafka(?::(.+))?$/;

/**
 * Every compose service on the Apache Kafka image runs `pinned` (tools/kafka/pom.xml's
 * kafka.version, the broker every test runs), so what is deployed is what was tested.
 */
export function checkComposeKafkaVersion(config: ComposeConfig, pinned: string): string[] {
  const problems: string[] = [];
  let found = 0;
  for (const [name, service] of Object.entries(config.services)) {
    const match = KAFKA_IMAGE.exec(service.image ?? '');
    if (!match) continue;
    found += 1;
    if (match[1] !== pinned) {
      problems.push(
        `compose service ${name}: image ${service.image}, but the tests run Apache Kafka ${pinned} ` +
          '(tools/kafka/pom.xml kafka.version)',
      );
    }
  }
  if (found === 0) problems.push('docker-compose.yml: no service runs the apache/kafka image');
  return problems;
}

interface StrimziListener {
  name: string;
  port: number;
  tls?: boolean;
  authentication?: { type?: string };
}

interface StrimziKafka extends K8sObject {
  spec?: {
    kafka?: { version?: string; listeners?: StrimziListener[]; config?: Record<string, unknown> };
  };
}

/** How an overlay's apps reach Kafka: its ConfigMap's KAFKA_* values. */
export interface KafkaClientSetting {
  overlay: string;
  brokers: string;
  ssl: boolean;
  saslMechanism?: string;
}

/**
 * The Strimzi cluster (k8s/kafka) runs `pinned`, with the durability the fault tests prove
 * (replication 3, min.insync.replicas 2, three broker nodes), and has a listener for each overlay's
 * apps: on their bootstrap port, TLS when they speak TLS, with the SASL mechanism they use.
 */
export function checkStrimziKafka(
  objects: K8sObject[],
  pinned: string,
  clients: readonly KafkaClientSetting[],
): string[] {
  const clusters = ofKind<StrimziKafka>(objects, 'Kafka');
  if (clusters.length !== 1) return [`k8s/kafka: expected one Kafka, found ${clusters.length}`];
  const kafka = clusters[0].spec?.kafka ?? {};
  const name = describeObject(clusters[0]);
  const problems: string[] = [];
  if (kafka.version !== pinned) {
    problems.push(
      `${name}: version ${kafka.version}, but the tests run Apache Kafka ${pinned} (tools/kafka/pom.xml kafka.version)`,
    );
  }
  for (const [key, wanted] of [
    ['default.replication.factor', '3'],
    ['min.insync.replicas', '2'],
  ] as const) {
    const value = String(kafka.config?.[key]);
    if (value !== wanted)
      problems.push(`${name}: ${key} is ${value}; the fault tests prove ${wanted}`);
  }
  const brokerNodes = ofKind(objects, 'KafkaNodePool')
    .map((pool) => pool.spec as { replicas?: number; roles?: string[] } | undefined)
    .filter((spec) => spec?.roles?.includes('broker'))
    .reduce((sum, spec) => sum + (spec?.replicas ?? 0), 0);
  if (brokerNodes < 3)
    problems.push(`k8s/kafka: ${brokerNodes} broker nodes; replication 3 needs 3`);
  for (const client of clients)
    problems.push(...listenerProblems(name, kafka.listeners ?? [], client));
  return problems;
}

function listenerProblems(
  name: string,
  listeners: readonly StrimziListener[],
  client: KafkaClientSetting,
): string[] {
  const port = Number(client.brokers.split(',')[0].split(':').pop());
  const listener = listeners.find((l) => l.port === port);
  const apps = `${client.overlay}'s apps (KAFKA_BROKERS ${client.brokers})`;
  if (!listener) return [`${name}: no listener on port ${port} for ${apps}`];
  const problems: string[] = [];
  if ((listener.tls ?? false) !== client.ssl) {
    problems.push(
      `${name}: listener ${listener.name} has tls ${listener.tls ?? false}; ${apps} use KAFKA_SSL=${client.ssl}`,
    );
  }
  const auth = listener.authentication?.type;
  if (auth !== client.saslMechanism) {
    problems.push(
      `${name}: listener ${listener.name} authenticates with ${auth ?? 'nothing'}; ${apps} use ${client.saslMechanism ?? 'no SASL'}`,
    );
  }
  return problems;
}
