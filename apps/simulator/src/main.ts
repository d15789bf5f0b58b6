import 'reflect-metadata';
import { MarketSimulator, simulatedSymbolsFor, SimulatorServer } from '@app/exchange';
import { loadEnvOrExit } from '@app/platform';
import { SimulatorAppEnv } from './simulator-app.env';

/**
 * `npm run sim`, `npm run start:simulator`, the compose `simulator` service: the Binance-protocol
 * simulator alone, for the producer's streams and the orderbook's snapshots. Prints its URL.
 */
async function main(): Promise<void> {
  const env = loadEnvOrExit(SimulatorAppEnv);
  const symbols = await simulatedSymbolsFor(env.SYMBOLS).catch((error: Error) => {
    process.stderr.write(`SYMBOLS: ${error.message}\n`);
    process.exit(1);
  });
  const server = new SimulatorServer({
    simulator: new MarketSimulator(symbols, env.SIM_SEED),
    eventsPerSecond: env.SIM_EVENTS_PER_SECOND,
    // All interfaces, like the other apps: in a container the producer and orderbook are elsewhere.
    host: '0.0.0.0',
    port: env.PORT,
    pingIntervalMs: env.SIM_PING_INTERVAL_MS,
    weightPerMinute: env.SIM_WEIGHT_PER_MINUTE,
  });
  await server.listen();
  process.stdout.write(`http://127.0.0.1:${new URL(server.url).port}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
