import { withTimeout } from '@app/platform';
import { Admin, Kafka } from 'kafkajs';
import { describeKafkaFailure } from './kafka-security';
import { KafkaSettings, kafkaClientConfig } from './kafka-settings';

/**
 * Asks the cluster to describe itself over a long-lived admin connection. Used by readiness: a
 * broker that does not answer within the timeout makes the app not ready. A failure names the
 * brokers, the protocol and the SASL user, so a wrong password or CA shows as such.
 */
export class KafkaProbe {
  private admin: Admin | null = null;

  constructor(
    private readonly settings: KafkaSettings,
    private readonly timeoutMs = 2000,
  ) {}

  async check(): Promise<{ brokers: number }> {
    try {
      const admin = await this.connectedAdmin();
      const cluster = await withTimeout(
        admin.describeCluster(),
        this.timeoutMs,
        'Kafka did not answer',
      );
      return { brokers: cluster.brokers.length };
    } catch (error) {
      throw new Error(describeKafkaFailure(this.settings, (error as Error).message));
    }
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = null;
  }

  private async connectedAdmin(): Promise<Admin> {
    if (this.admin) return this.admin;
    const config = kafkaClientConfig(this.settings, 'probe');
    // A probe must answer fast: no retries, the next probe is the retry.
    const admin = new Kafka({ ...config, retry: { retries: 0 } }).admin();
    try {
      await withTimeout(admin.connect(), this.timeoutMs, 'Kafka did not accept a connection');
    } catch (error) {
      void admin.disconnect();
      throw error;
    }
    this.admin = admin;
    return admin;
  }
}
