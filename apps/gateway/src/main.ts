import { createConsumerStrategy, kafkaSettingsFrom } from '@app/messaging';
import { runHttpApp } from '@app/platform';
import { GatewayAppModule } from './gateway-app.module';
import { GatewayEnv } from './gateway.env';
import { GATEWAY_API } from './openapi/gateway-openapi';

void runHttpApp({
  env: GatewayEnv,
  module: (env) => GatewayAppModule.forEnv(env),
  ...GATEWAY_API,
  tls: (env) => env.tls,
  beforeListen: async (app, env) => {
    const origins = env.gatewayOptions.allowedOrigins ?? [];
    app.enableCors({ origin: origins.length > 0 ? origins : true });
    // Every replica reads every partition: each one serves its own clients the full stream.
    const messaging = { transport: 'kafka', kafka: kafkaSettingsFrom(env, 'gateway') } as const;
    app.connectMicroservice(
      { strategy: createConsumerStrategy(messaging, { group: 'gateway', broadcast: true }) },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  },
});
