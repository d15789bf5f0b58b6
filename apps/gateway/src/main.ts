import { createConsumerStrategy, kafkaSettingsFrom } from '@app/messaging';
import { runHttpApp } from '@app/platform';
import { GatewayAppModule } from './gateway-app.module';
import { GatewayEnv } from './gateway.env';

void runHttpApp({
  env: GatewayEnv,
  module: (env) => GatewayAppModule.forEnv(env),
  title: 'marketstream gateway',
  description: 'Market data and swap statistics over REST and WebSocket (/ws)',
  beforeListen: async (app, env) => {
    // Every replica reads every partition: each one serves its own clients the full stream.
    const messaging = { transport: 'kafka', kafka: kafkaSettingsFrom(env, 'gateway') } as const;
    app.connectMicroservice(
      { strategy: createConsumerStrategy(messaging, { group: 'gateway', broadcast: true }) },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  },
});
