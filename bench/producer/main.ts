/**
 * Messages per second from the simulator to Kafka through the producer's real path (WebSocket →
 * normalize → contract validation → EventPublisher/BatchingKafkaClient), sending from its Kafka
 * send thread (the default) and from the main thread, beside a bare kafkajs producer sending the
 * same prepared messages, in the same run against the same Apache Kafka broker (tools/kafka). Prints medians of RUNS
 * runs and the ratios.
 *
 *   npm run bench:producer            (MESSAGES=300000 RUNS=3 SYMBOLS=20 by default)
 */
import { ALL_TOPICS } from '@app/contracts';
import { unlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKafkaCluster } from '../../tools/kafka/kafka-cluster';
import { bareProducer, ourProducer, prepareMessages } from './contenders';
import { recordFrames, startSimulator } from './frames';

// Enough for a steady state: each run starts a fresh app, whose send thread begins cold (JIT).
const MESSAGES = Number(process.env.MESSAGES ?? 300_000);
const RUNS = Number(process.env.RUNS ?? 3);
const SYMBOL_COUNT = Number(process.env.SYMBOLS ?? 20);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const symbols = Array.from({ length: SYMBOL_COUNT }, (_, i) => `B${i}USDT`);
  const simulator = startSimulator(symbols, 2_000);
  const restUrl = await simulator.listen();
  const frames = await recordFrames(simulator, symbols, MESSAGES);
  // Still there for exchangeInfo, but its market must not compete for the CPU.
  await fetch(`${restUrl}/debug/pause`, { method: 'POST' });
  const prepared = prepareMessages(frames);
  const framesFile = join(tmpdir(), `bench-producer-frames-${process.pid}.jsonl`);
  writeFileSync(framesFile, frames.join('\n'));
  const bytes = prepared.reduce((sum, { message }) => sum + String(message.value).length, 0);
  console.log(
    `recorded ${frames.length} frames from ${symbols.length} symbols (${Math.round(bytes / frames.length)} B/value); load ${loadavg()[0].toFixed(1)}`,
  );
  const topics = Object.fromEntries(ALL_TOPICS.map((topic) => [topic.name, topic.partitions]));
  const broker = await startKafkaCluster({ topics });
  const threaded: number[] = [];
  const mainThread: number[] = [];
  const bare: number[] = [];
  const ours = (run: number, sendThread: boolean) =>
    ourProducer(broker.brokers, framesFile, frames.length, symbols, restUrl, run, sendThread);
  try {
    for (let run = 0; run < RUNS; run++) {
      bare.push(await bareProducer(broker.brokers, prepared));
      threaded.push(await ours(run, true));
      mainThread.push(await ours(run, false));
      console.log(
        `run ${run + 1}: producer ${Math.round(threaded[run])} msg/s (main thread only ${Math.round(mainThread[run])}), bare kafkajs ${Math.round(bare[run])} msg/s`,
      );
    }
  } finally {
    await broker.stop();
    await simulator.close();
    unlinkSync(framesFile);
  }
  const bareMedian = median(bare);
  const ratios = (rates: number[]) => rates.map((rate, run) => (rate / bare[run]).toFixed(2));
  console.log(`producer (send thread): ${Math.round(median(threaded))} msg/s`);
  console.log(`producer (main thread only): ${Math.round(median(mainThread))} msg/s`);
  console.log(`bare-kafkajs: ${Math.round(bareMedian)} msg/s`);
  console.log(
    `ratio producer/bare-kafkajs: ${(median(threaded) / bareMedian).toFixed(2)} (per run ${ratios(threaded).join(' ')}); main thread only ${(median(mainThread) / bareMedian).toFixed(2)} (per run ${ratios(mainThread).join(' ')})`,
  );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
