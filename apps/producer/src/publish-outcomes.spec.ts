import { BufferOverflowError } from '@app/messaging';
import { Logger } from '@nestjs/common';
import { PublishOutcomes } from './publish-outcomes';
import { eventsDropped, eventsPublished, publishFailures } from './producer.metrics';

type Metric = typeof eventsPublished;

async function countsOf(metric: Metric): Promise<Record<string, number>> {
  const { values } = await metric.get();
  return Object.fromEntries(values.map(({ labels, value }) => [String(labels.topic), value]));
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// Each test uses its own topic names: the counters are process-wide.
describe(PublishOutcomes.name, () => {
  let warnings: string[];
  let errors: string[];
  let outcomes: PublishOutcomes;

  beforeEach(() => {
    warnings = [];
    errors = [];
    const logger = {
      warn: (message: string) => warnings.push(message),
      error: (message: string) => errors.push(message),
    } as unknown as Logger;
    outcomes = new PublishOutcomes(logger);
  });

  it('counts every event of a shared batch promise as published, per topic', async () => {
    const batch = Promise.resolve();
    for (const topic of ['t1.a', 't1.b', 't1.a', 't1.a']) outcomes.track(topic, batch);
    outcomes.track('t1.b', Promise.resolve());
    await settle();
    const published = await countsOf(eventsPublished);
    expect([published['t1.a'], published['t1.b']]).toEqual([3, 2]);
  });

  it('counts events tracked against a promise that has already settled', async () => {
    const batch = Promise.resolve();
    outcomes.track('t2.a', batch);
    await settle();
    outcomes.track('t2.a', batch);
    await settle();
    expect((await countsOf(eventsPublished))['t2.a']).toBe(2);
  });

  it('counts a failed batch as failures per topic, with one warning per topic', async () => {
    const batch = Promise.reject(new Error('broker unavailable'));
    for (const topic of ['t3.a', 't3.a', 't3.b']) outcomes.track(topic, batch);
    await settle();
    const failed = await countsOf(publishFailures);
    expect([failed['t3.a'], failed['t3.b']]).toEqual([2, 1]);
    expect(warnings).toEqual([
      'publish to t3.a failed (2 events): broker unavailable',
      'publish to t3.b failed: broker unavailable',
    ]);
  });

  it('counts events refused by a full buffer as dropped and logs the running total', async () => {
    for (let i = 0; i < 3; i++) {
      outcomes.track('t4.a', Promise.reject(new BufferOverflowError('t4.a', 10)));
    }
    await settle();
    expect((await countsOf(eventsDropped))['t4.a']).toBe(3);
    expect(errors).toEqual([
      'Kafka buffer full (10 events waiting): t4.a event dropped; 1 events dropped so far',
    ]);
  });
});
