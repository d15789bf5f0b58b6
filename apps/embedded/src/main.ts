import { createConsumerStrategy, InProcessBus, MessagingOptions } from '@app/messaging';
import { runHttpApp } from '@app/platform';
import { EmbeddedAppModule } from './embedded-app.module';
import { EmbeddedEnv } from './embedded.env';

/** `npm start`: the whole system in one process on 127.0.0.1. */
async function main(): Promise<void> {
  const messaging: MessagingOptions = { transport: 'in-process', bus: new InProcessBus() };
  const { env, secure } = await runHttpApp({
    env: EmbeddedEnv,
    module: (env) => EmbeddedAppModule.forEnv(env, messaging),
    title: 'marketstream (embedded)',
    description: 'All apps in one process: REST, WebSocket (/ws), health and metrics',
    host: '127.0.0.1',
    // Ctrl-C must leave within 5 s even if something hangs; PGlite is closed on the way out.
    shutdownDeadlineMs: 4500,
    tls: (env) => env.tls,
    beforeListen: async (app) => {
      app.connectMicroservice(
        { strategy: createConsumerStrategy(messaging, { group: 'embedded' }) },
        { inheritAppConfig: true },
      );
      await app.startAllMicroservices();
    },
  });
  const base = `${secure ? 'https' : 'http'}://127.0.0.1:${env.PORT}`;
  process.stdout.write(
    [
      'marketstream is running (embedded mode)',
      `  dashboard:  ${base}/`,
      `  Swagger UI: ${base}/docs`,
      `  WebSocket:  ${base.replace('http', 'ws')}/ws   e.g. {"op":"subscribe","channel":"ticker:BTCUSDT"}`,
      `  health:     ${base}/health/ready`,
      '',
    ].join('\n'),
  );
}

void main();
