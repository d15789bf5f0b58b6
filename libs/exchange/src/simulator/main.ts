import { DEFAULT_SYMBOLS, MarketSimulator } from './market-simulator';
import { SimulatorServer } from './simulator-server';

/** `npm run sim`: the simulator alone. SIM_PORT, SIM_SEED, SIM_EVENTS_PER_SECOND. */
async function main(): Promise<void> {
  const simulator = new MarketSimulator(
    Object.values(DEFAULT_SYMBOLS),
    Number(process.env.SIM_SEED ?? 42),
  );
  const server = new SimulatorServer({
    simulator,
    eventsPerSecond: Number(process.env.SIM_EVENTS_PER_SECOND ?? 10),
    port: Number(process.env.SIM_PORT ?? 0),
  });
  const url = await server.listen();
  process.stdout.write(`${url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
