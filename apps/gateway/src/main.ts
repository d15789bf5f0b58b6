import { createConsumerStrategy, kafkaSettingsFrom } from '@app/messaging';
import { createHttpApp, exitAfterSignal, loadEnvOrExit } from '@app/platform';
import { GatewayAppModule } from './gateway-app.module';
import { GatewayEnv } from './gateway.env';

async function bootstrap(): Promise<void> {
  const env = loadEnvOrExit(GatewayEnv);
  exitAfterSignal(10_000);
  const app = await createHttpApp(GatewayAppModule.forEnv(env), {
    title: 'marketstream gateway',
    description: 'Market data and swap statistics over REST and WebSocket (/ws)',
  });
  // Every replica reads every partition: each one serves its own clients the full stream.
  app.connectMicroservice(
    { strategy: createConsumerStrategy({ transport: 'kafka', kafka: kafkaSettingsFrom(env, 'gateway') }, { group: 'gateway', broadcast: true }) },
    { inheritAppConfig: true },
  );
  await app.listen(env.PORT, '0.0.0.0');
  await app.startAllMicroservices();
}

void bootstrap();
