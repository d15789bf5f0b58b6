/**
 * The server.properties of one node of a local KRaft cluster: every node is broker and
 * controller, on loopback, with replication as a production cluster of that size would have it
 * (replication factor min(3, nodes), min.insync.replicas min(2, nodes)). Pure, so the settings a
 * test relies on are visible in one place.
 */
export interface ClusterLayout {
  /** Per node (index = node id - 1): its client port and its controller port. */
  ports: { client: number; controller: number }[];
  /** Extra or overriding properties for every node (e.g. a SASL_SSL listener's settings). */
  extra?: Record<string, string>;
  /** Extra listeners, name -> port per node, with their security protocol. */
  listeners?: { name: string; protocol: string; ports: number[] }[];
}

/** Partitions of `__consumer_offsets`, each the home of the groups that hash to it. */
export const OFFSETS_TOPIC_PARTITIONS = 5;

/**
 * The `__consumer_offsets` partition whose leader coordinates `groupId`: Kafka's
 * `Utils.abs(groupId.hashCode()) % partitions`, with Java's String.hashCode over UTF-16 units
 * and Kafka's abs (0 for Integer.MIN_VALUE).
 */
export function offsetsPartitionOf(groupId: string, partitions: number): number {
  let hash = 0;
  for (let i = 0; i < groupId.length; i++) hash = (Math.imul(31, hash) + groupId.charCodeAt(i)) | 0;
  return (hash === -0x80000000 ? 0 : Math.abs(hash)) % partitions;
}

/** Group ids `<prefix>-<n>`, one coordinated by each of `partitions` offsets partitions. */
export function groupIdsCoveringOffsetsPartitions(prefix: string, partitions: number): string[] {
  const found = new Map<number, string>();
  for (let n = 0; found.size < partitions; n++) {
    const groupId = `${prefix}-${n}`;
    const partition = offsetsPartitionOf(groupId, partitions);
    if (!found.has(partition)) found.set(partition, groupId);
  }
  return [...found.keys()].sort((a, b) => a - b).map((partition) => found.get(partition)!);
}

export function brokerProperties(
  layout: ClusterLayout,
  nodeId: number,
  logDir: string,
): Record<string, string> {
  const nodes = layout.ports.length;
  const own = layout.ports[nodeId - 1];
  const extraListeners = layout.listeners ?? [];
  const listeners = [
    `PLAINTEXT://127.0.0.1:${own.client}`,
    `CONTROLLER://127.0.0.1:${own.controller}`,
    ...extraListeners.map((l) => `${l.name}://127.0.0.1:${l.ports[nodeId - 1]}`),
  ];
  const advertised = listeners.filter((l) => !l.startsWith('CONTROLLER:'));
  const protocols = [
    'PLAINTEXT:PLAINTEXT',
    'CONTROLLER:PLAINTEXT',
    ...extraListeners.map((l) => `${l.name}:${l.protocol}`),
  ];
  const replication = String(Math.min(3, nodes));
  const minIsr = String(Math.min(2, nodes));
  return {
    'process.roles': 'broker,controller',
    'node.id': String(nodeId),
    'controller.quorum.voters': layout.ports
      .map((p, i) => `${i + 1}@127.0.0.1:${p.controller}`)
      .join(','),
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    listeners: listeners.join(','),
    'advertised.listeners': advertised.join(','),
    'listener.security.protocol.map': protocols.join(','),
    'log.dirs': logDir,
    // Topics come from the contracts (the apps create them), never from a typo in a client.
    'auto.create.topics.enable': 'false',
    'default.replication.factor': replication,
    'min.insync.replicas': minIsr,
    'offsets.topic.replication.factor': replication,
    'transaction.state.log.replication.factor': replication,
    'transaction.state.log.min.isr': minIsr,
    // A test's first consumer joins at once instead of after the default 3 s.
    'group.initial.rebalance.delay.ms': '0',
    // The internal offsets topic with few partitions: created in ~1 s instead of 50 partitions' worth.
    'offsets.topic.num.partitions': String(OFFSETS_TOPIC_PARTITIONS),
    // A killed node is noticed and its partitions' leadership moved within seconds.
    'broker.session.timeout.ms': '6000',
    'broker.heartbeat.interval.ms': '1000',
    ...layout.extra,
  };
}

export function propertiesText(properties: Record<string, string>): string {
  return Object.entries(properties)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

/** A SASL user the cluster knows: SCRAM users are written at format time, PLAIN users in JAAS. */
export interface SaslUser {
  mechanism: ScramMechanism | 'PLAIN';
  name: string;
  password: string;
}

/** A SASL_SSL listener: its server certificate and key, and the mechanisms and users it accepts. */
export interface SaslSslListener {
  /** Listener name as in `listeners` (e.g. SECURE); its properties are prefixed with it. */
  name: string;
  /** PKCS12 keystore holding the broker's certificate (for 127.0.0.1 / localhost) and key. */
  keystoreFile: string;
  keystorePassword: string;
  users: SaslUser[];
}

/**
 * The properties of a SASL_SSL listener, scoped to it (`listener.name.<name>.…`), so the
 * PLAINTEXT listener the harness itself and the inter-broker traffic use stays as it is.
 * SCRAM users come from the cluster metadata (`scramFormatArguments`), PLAIN users from the JAAS
 * line; the server certificate needs no client certificate (`ssl.client.auth=none`).
 */
export function saslSslListenerProperties(listener: SaslSslListener): Record<string, string> {
  const prefix = `listener.name.${listener.name.toLowerCase()}`;
  const mechanisms = [...new Set(listener.users.map((user) => user.mechanism))];
  const properties: Record<string, string> = {
    [`${prefix}.ssl.keystore.type`]: 'PKCS12',
    [`${prefix}.ssl.keystore.location`]: listener.keystoreFile,
    [`${prefix}.ssl.keystore.password`]: listener.keystorePassword,
    [`${prefix}.ssl.client.auth`]: 'none',
    [`${prefix}.sasl.enabled.mechanisms`]: mechanisms.join(','),
  };
  for (const mechanism of mechanisms) {
    const key = `${prefix}.${mechanism.toLowerCase()}.sasl.jaas.config`;
    if (mechanism === 'PLAIN') {
      const users = listener.users
        .filter((user) => user.mechanism === 'PLAIN')
        .map((user) => `user_${user.name}="${user.password}"`);
      properties[key] =
        `org.apache.kafka.common.security.plain.PlainLoginModule required ${users.join(' ')};`;
    } else {
      properties[key] = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
    }
  }
  return properties;
}

/** `kafka-storage format` arguments that create the SCRAM users in the new cluster's metadata. */
export function scramFormatArguments(users: readonly SaslUser[]): string[] {
  return users
    .filter((user) => user.mechanism !== 'PLAIN')
    .flatMap((user) => [
      '--add-scram',
      `${user.mechanism}=[name=${user.name},password=${user.password}]`,
    ]);
}

/** An SSL listener that requires a client certificate signed by a CA in `truststoreFile`. */
export interface MutualTlsListener {
  name: string;
  keystoreFile: string;
  keystorePassword: string;
  /** PEM file of the CA certificate(s) client certificates must chain to. */
  truststoreFile: string;
}

/**
 * The properties of an SSL listener with mutual TLS (`ssl.client.auth=required`): a client
 * without a certificate from the truststore's CA is refused during the handshake.
 */
export function mutualTlsListenerProperties(listener: MutualTlsListener): Record<string, string> {
  const prefix = `listener.name.${listener.name.toLowerCase()}`;
  return {
    [`${prefix}.ssl.keystore.type`]: 'PKCS12',
    [`${prefix}.ssl.keystore.location`]: listener.keystoreFile,
    [`${prefix}.ssl.keystore.password`]: listener.keystorePassword,
    [`${prefix}.ssl.truststore.type`]: 'PEM',
    [`${prefix}.ssl.truststore.location`]: listener.truststoreFile,
    [`${prefix}.ssl.client.auth`]: 'required',
  };
}
