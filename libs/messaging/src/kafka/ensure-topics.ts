import { TopicContract } from '@app/contracts';
import { Admin } from 'kafkajs';

export type TopicCreation = { created: boolean; error?: string };

/**
 * Creates those declared topics that the cluster does not have yet. Failure is not fatal: a managed
 * cluster may forbid CreateTopics (topics come from Strimzi or Terraform); producing still works
 * there because such clusters pre-create topics. Existing topics are left out of the request, as
 * the broker refuses them and kafkajs logs every refusal as an error.
 */
export async function ensureTopics(
  admin: Admin,
  topics: readonly TopicContract<object>[],
): Promise<TopicCreation> {
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length === 0) return { created: true };
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic: topic.name, numPartitions: topic.partitions })),
    });
    return { created: true };
  } catch (error) {
    return { created: false, error: (error as Error).message };
  }
}
