import { TRADE_TOPIC, TradeEvent } from '@app/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { sleep } from '../../../../test/support/app-process';
import { ReplayPipeline } from './replay-pipeline';

/**
 * For a failure message: which recorded trades the gateway does not serve, and how often each is
 * in md.trade.v1 (0: lost before Kafka took it; 1 or more: lost by the consumer), with the
 * producer's counters, the topic's offsets and the offsets the aggregator stored.
 */
export async function whereTradesWentMissing(
  run: ReplayPipeline,
  brokers: string[],
  trades: TradeEvent[],
  pg: Client,
): Promise<string> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = (await admin.fetchTopicOffsets(TRADE_TOPIC.name)).filter((o) => o.high !== '0');
  await admin.disconnect();
  const inKafka = new Map<number, number>();
  const consumer = kafka.consumer({ groupId: `${run.schema}-diagnosis`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: TRADE_TOPIC.name, fromBeginning: true });
  let read = 0;
  await consumer.run({
    eachMessage: ({ message }) => {
      const { tradeId } = JSON.parse(String(message.value)) as TradeEvent;
      inKafka.set(tradeId, (inKafka.get(tradeId) ?? 0) + 1);
      read++;
      return Promise.resolve();
    },
  });
  const total = offsets.reduce((sum, o) => sum + Number(o.high), 0);
  for (let i = 0; i < 300 && read < total; i++) await sleep(100);
  await consumer.disconnect();
  const lines = [`md.trade.v1 offsets ${JSON.stringify(offsets)}; read back ${read} of ${total}`];
  const metrics = await (await fetch(`${run.urls.producer}/metrics`)).text();
  lines.push(
    ...metrics.split('\n').filter((l) => l.startsWith('producer_') && l.includes('trade')),
  );
  const from = Math.min(...trades.map((t) => t.tradeTime));
  const to = Math.max(...trades.map((t) => t.tradeTime)) + 1;
  for (const symbol of new Set(trades.map((t) => t.symbol))) {
    const served = new Set(await run.historyIds(symbol, from, to));
    const missing = trades.filter((t) => t.symbol === symbol && !served.has(t.tradeId));
    lines.push(
      `${symbol} missing: ${missing.map((t) => `${t.tradeId} (in Kafka ${inKafka.get(t.tradeId) ?? 0}x)`).join(', ')}`,
    );
  }
  const stored = await pg.query(`select * from ${run.schema}.consumer_offsets`);
  lines.push(`stored offsets ${JSON.stringify(stored.rows)}`);
  lines.push(`producer output:\n${run.producer.logs.slice(-3000)}`);
  lines.push(`aggregator output:\n${run.aggregator.logs.slice(-3000)}`);
  return lines.join('\n');
}
