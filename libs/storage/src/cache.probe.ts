import { ReadinessProbe, withTimeout } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { KeyValueCache } from './cache/key-value-cache';
import { KEY_VALUE_CACHE, PROBE_TIMEOUT_MS } from './storage.options';

/** Readiness of the cache: Redis must answer PING; the in-memory cache always does. */
@Injectable()
export class CacheProbe implements ReadinessProbe {
  readonly name = 'redis';

  constructor(@Inject(KEY_VALUE_CACHE) private readonly cache: KeyValueCache) {}

  async check(): Promise<Record<string, unknown>> {
    await withTimeout(this.cache.ping(), PROBE_TIMEOUT_MS, 'the cache did not answer');
    return { kind: this.cache.kind };
  }
}
