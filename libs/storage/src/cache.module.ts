import {
  ConfigurableModuleBuilder,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { CacheProbe } from './cache.probe';
import { createCache } from './cache/create-cache';
import { KeyValueCache } from './cache/key-value-cache';
import { CacheOptions, KEY_VALUE_CACHE } from './storage.options';

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } =
  new ConfigurableModuleBuilder<CacheOptions>()
    .setClassMethodName('forRoot')
    .setExtras({ isGlobal: true }, (definition, extras) => ({
      ...definition,
      global: extras.isGlobal,
    }))
    .build();

const logger = new Logger('CacheModule');

@Injectable()
class CacheCloser implements OnApplicationShutdown {
  constructor(@Inject(KEY_VALUE_CACHE) private readonly cache: KeyValueCache) {}

  async onApplicationShutdown(): Promise<void> {
    await this.cache.close();
  }
}

/** The latest-state cache (`KEY_VALUE_CACHE`) and its readiness probe. */
@Module({
  providers: [
    {
      provide: KEY_VALUE_CACHE,
      // Redis reconnects by itself; while it is down, readiness says so and each error is logged.
      useFactory: (options: CacheOptions) =>
        createCache(options, (error) => logger.warn(`redis: ${error.message}`)),
      inject: [MODULE_OPTIONS_TOKEN],
    },
    CacheProbe,
    CacheCloser,
  ],
  exports: [KEY_VALUE_CACHE, CacheProbe],
})
export class CacheModule extends ConfigurableModuleClass {}
