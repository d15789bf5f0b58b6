import 'reflect-metadata';
import { loadEnvOrExit } from '@app/platform';
import { MarketSimulator, simulatedSymbol } from './market-simulator';
import { SimulatorEnv } from './simulator.env';
import { SimulatorServer } from './simulator-server';

/** `npm run sim`: the simulator alone; prints its URL. */
async function main(): Promise<void> {
  const env = loadEnvOrExit(SimulatorEnv);
  const server = new SimulatorServer({
    simulator: new MarketSimulator(env.SIM_SYMBOLS.map(simulatedSymbol), env.SIM_SEED),
    eventsPerSecond: env.SIM_EVENTS_PER_SECOND,
    port: env.SIM_PORT,
    pingIntervalMs: env.SIM_PING_INTERVAL_MS,
    weightPerMinute: env.SIM_WEIGHT_PER_MINUTE,
  });
  const url = await server.listen();
  process.stdout.write(`${url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
