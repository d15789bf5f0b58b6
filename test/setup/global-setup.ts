// Relative, not @app/contracts: jest's global set-up runs outside its module mapper.
import { ALL_TOPICS } from '../../libs/contracts/src';
import {
  buildTestBroker,
  startTestBroker,
  TestBroker,
} from '../../tools/kafka-test-broker/test-broker';
import { newRunToken, RUN_TOKEN_VARIABLE } from '../support/run-id';
import { assertServicesReachable } from '../support/services';

declare global {
  // Shared between jest's global set-up and teardown, which run in the same parent process.
  var __TEST_BROKER__: TestBroker | undefined;
  var __TEST_RUN_TOKEN__: string | undefined;
}

/**
 * Before integration and e2e tests: the services must be there, a token names this run's schemas
 * and keys (see uniqueRunId), and a Kafka-protocol broker (librdkafka's mock cluster) is started
 * for the run. Workers inherit `TEST_RUN_TOKEN` and `TEST_KAFKA_BROKERS`. Tests that inject faults
 * (broker down/up) start a broker of their own.
 */
export default async function globalSetup(): Promise<void> {
  await assertServicesReachable();
  // Made here, never taken from the environment: a token inherited by two runs would let one's
  // teardown drop the other's schemas while it is still running.
  globalThis.__TEST_RUN_TOKEN__ ??= newRunToken();
  process.env[RUN_TOKEN_VARIABLE] = globalThis.__TEST_RUN_TOKEN__;
  buildTestBroker();
  if (globalThis.__TEST_BROKER__) return; // a second project in the same run shares it
  const topics = Object.fromEntries(ALL_TOPICS.map((topic) => [topic.name, topic.partitions]));
  const broker = await startTestBroker({ brokers: 3, topics });
  globalThis.__TEST_BROKER__ = broker;
  process.env.TEST_KAFKA_BROKERS = broker.bootstrap;
}
