import { createConsumerStrategy, kafkaSettingsFrom } from '@app/messaging';
import { INestApplication } from '@nestjs/common';
import { ServerKafka } from '@nestjs/microservices';
import { Consumer } from 'kafkajs';
import { watchDepthAssignments } from './books/assignment-watcher';
import { OrderbookService } from './books/orderbook.service';
import { OrderbookEnv } from './orderbook.env';

/**
 * Joins the `orderbook` consumer group on md.depth.v1 (replicas share its partitions, so each owns
 * the symbols keyed to its partitions) and follows the group's assignments.
 */
export async function startDepthConsumer(app: INestApplication, env: OrderbookEnv): Promise<void> {
  const messaging = { transport: 'kafka', kafka: kafkaSettingsFrom(env, 'orderbook') } as const;
  const strategy = createConsumerStrategy(messaging, { group: 'orderbook' }) as ServerKafka;
  app.connectMicroservice({ strategy }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  // The first join happened inside start; a fresh replica holds no book yet, so nothing to release.
  const [, consumer] = strategy.unwrap<[unknown, Consumer]>();
  const orderbook = app.get(OrderbookService);
  watchDepthAssignments(consumer, (partitions) => orderbook.handleAssignment(partitions));
}
