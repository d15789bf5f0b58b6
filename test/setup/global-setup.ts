// jest's global set-up runs outside its module mapper: tsconfig.json's @app/* aliases, registered
// first, resolve the libraries' public faces here as they do everywhere else.
import 'tsconfig-paths/register';
import { ALL_TOPICS } from '@app/contracts';
import { type KafkaCluster, startKafkaCluster } from '../../tools/kafka/kafka-cluster';
import { newRunToken, RUN_TOKEN_VARIABLE } from '../support/run-id';
import { assertServicesReachable } from '../support/services';

declare global {
  // Shared between jest's global set-up and teardown, which run in the same parent process.
  var __TEST_BROKER__: KafkaCluster | undefined;
  var __TEST_RUN_TOKEN__: string | undefined;
}

/**
 * Before integration and e2e tests: the services must be there, a token names this run's schemas
 * and keys (see uniqueRunId), and a real Apache Kafka broker (one KRaft node, tools/kafka) is
 * started for the run with the contracts' topics. Workers inherit `TEST_RUN_TOKEN` and
 * `TEST_KAFKA_BROKERS` (and the version it runs, `TEST_KAFKA_VERSION`). Tests that inject faults (nodes killed, stopped, hung) start a cluster of
 * their own.
 */
export default async function globalSetup(): Promise<void> {
  await assertServicesReachable();
  // Made here, never taken from the environment: a token inherited by two runs would let one's
  // teardown drop the other's schemas while it is still running.
  globalThis.__TEST_RUN_TOKEN__ ??= newRunToken();
  process.env[RUN_TOKEN_VARIABLE] = globalThis.__TEST_RUN_TOKEN__;
  if (globalThis.__TEST_BROKER__) return; // a second project in the same run shares it
  const topics = Object.fromEntries(ALL_TOPICS.map((topic) => [topic.name, topic.partitions]));
  const started = Date.now();
  const broker = await startKafkaCluster({ nodes: 1, topics });
  console.log(
    `\nApache Kafka ${broker.version} (KRaft, 1 node) at ${broker.bootstrap}, ` +
      `started with ${ALL_TOPICS.length} topics in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  globalThis.__TEST_BROKER__ = broker;
  process.env.TEST_KAFKA_BROKERS = broker.bootstrap;
  process.env.TEST_KAFKA_VERSION = broker.version;
}
