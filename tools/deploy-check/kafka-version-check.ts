import { ComposeConfig } from './compose-check';

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
