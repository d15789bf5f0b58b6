import { isRecord, K8sObject, ofKind } from './manifests';

/** What the deployment must create for each topic of the contracts (ALL_TOPICS). */
export interface TopicSpec {
  name: string;
  partitions: number;
}

/** Strimzi KafkaTopic resources against the contracts: same names, same partition counts. */
export function checkKafkaTopics(objects: K8sObject[], topics: readonly TopicSpec[]): string[] {
  const declared = new Map<string, number | undefined>();
  for (const object of ofKind(objects, 'KafkaTopic')) {
    const spec = isRecord(object.spec) ? object.spec : {};
    const name = typeof spec.topicName === 'string' ? spec.topicName : object.metadata.name;
    declared.set(name, typeof spec.partitions === 'number' ? spec.partitions : undefined);
  }
  return compare(declared, topics, 'KafkaTopic', (topic) => `\n${kafkaTopicYaml(topic)}`);
}

/**
 * The compose `kafka-init` script against the contracts. It understands the two ways a topic is
 * created there: a `create <topic> <partitions>` call of its helper, or a literal
 * `kafka-topics.sh --create ... --topic <topic> ... --partitions <n>` line.
 */
export function checkKafkaInit(script: string, topics: readonly TopicSpec[]): string[] {
  const declared = new Map<string, number | undefined>();
  const problems: string[] = [];
  for (const line of script.split('\n')) {
    const helper = /^\s*create\s+(\S+)\s+(\d+)\s*$/.exec(line);
    const topic = /--topic[= ]+([^\s"$]+)/.exec(line);
    const partitions = /--partitions[= ]+(\d+)/.exec(line);
    if (helper) declared.set(helper[1], Number(helper[2]));
    else if (topic) declared.set(topic[1], partitions ? Number(partitions[1]) : undefined);
  }
  if (!/kafka-topics\.sh\b[^\n]*--create\b[^\n]*--if-not-exists/.test(script)) {
    problems.push(
      'kafka-init: topics must be created with kafka-topics.sh --create --if-not-exists',
    );
  }
  return [
    ...problems,
    ...compare(declared, topics, 'kafka-init', (t) => `: add "create ${t.name} ${t.partitions}"`),
  ];
}

function compare(
  declared: Map<string, number | undefined>,
  topics: readonly TopicSpec[],
  where: string,
  fix: (topic: TopicSpec) => string,
): string[] {
  const problems: string[] = [];
  for (const topic of topics) {
    const partitions = declared.get(topic.name);
    if (!declared.has(topic.name)) {
      problems.push(
        `${where}: topic ${topic.name} (${topic.partitions} partitions) is missing${fix(topic)}`,
      );
    } else if (partitions !== topic.partitions) {
      problems.push(
        `${where}: topic ${topic.name} has ${partitions ?? 'no'} partitions; the contract says ${topic.partitions}`,
      );
    }
  }
  const known = new Set(topics.map((topic) => topic.name));
  for (const name of declared.keys()) {
    if (!known.has(name))
      problems.push(`${where}: topic ${name} is not in the contracts (ALL_TOPICS)`);
  }
  return problems;
}

/** The KafkaTopic document for a contract topic, as k8s/base/kafka-topics.yaml holds it. */
export function kafkaTopicYaml(topic: TopicSpec): string {
  return [
    '---',
    'apiVersion: kafka.strimzi.io/v1beta2',
    'kind: KafkaTopic',
    'metadata:',
    `  name: ${topic.name}`,
    '  labels:',
    '    strimzi.io/cluster: marketstream',
    'spec:',
    `  topicName: ${topic.name}`,
    `  partitions: ${topic.partitions}`,
    '  replicas: 3',
    '  config:',
    "    min.insync.replicas: '2'",
  ].join('\n');
}
