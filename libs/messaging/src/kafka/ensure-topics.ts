import { TopicContract } from '@app/contracts';
import { Admin } from 'kafkajs';

export type TopicCreation = { created: boolean; error?: string };

/**
 * Creates the declared topics. Failure is not fatal: a managed cluster may forbid CreateTopics
 * (topics come from Strimzi or Terraform) and librdkafka's mock broker does not implement it;
 * producing still works there because such clusters pre-create or auto-create topics.
 */
export async function ensureTopics(
  admin: Admin,
  topics: readonly TopicContract<object>[],
): Promise<TopicCreation> {
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic: topic.name, numPartitions: topic.partitions })),
    });
    return { created: true };
  } catch (error) {
    return { created: false, error: (error as Error).message };
  }
}
