import { KafkaEnv } from '@app/messaging';
import { EnvConstructor, EnvInt, WithTlsEnv } from '@app/platform';
import { WithPostgresEnv, WithRedisEnv } from '@app/storage';
import { Matches } from 'class-validator';
import { GatewayOptions } from './ws/gateway.options';

const list = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

/** WebSocket and REST limits and access control; shared by the gateway and the embedded mode. */
export function WithGatewayLimits<TBase extends EnvConstructor>(Base: TBase) {
  class GatewayLimitsEnv extends Base {
    /** Most channels one WebSocket connection may subscribe to. */
    @EnvInt(1, 10_000)
    WS_MAX_SUBSCRIPTIONS: number = 100;

    /** Frames one WebSocket client may send per 10 s before it is closed with 1008. */
    @EnvInt(1, 1_000_000)
    WS_MAX_MESSAGES_PER_10S: number = 200;

    /** Refused (invalid) frames per 10 s before the connection is closed with 1008. */
    @EnvInt(1, 1_000_000)
    WS_MAX_INVALID_FRAMES_PER_10S: number = 20;

    /** Socket buffer above which a client's updates are conflated (latest per channel). */
    @EnvInt(1024, 1_073_741_824)
    WS_CONFLATE_ABOVE_BYTES: number = 512 * 1024;

    /** How long a client may stay behind (conflating) before it is closed with 1008. */
    @EnvInt(100, 600_000)
    WS_SLOW_CLIENT_CLOSE_MS: number = 5000;

    /** Interval of WebSocket pings; a client that missed the previous pong is terminated. */
    @EnvInt(1000, 600_000)
    WS_HEARTBEAT_MS: number = 30_000;

    /** REST requests per minute per client address (`@nestjs/throttler`). */
    @EnvInt(1, 10_000_000)
    RATE_LIMIT_PER_MINUTE: number = 1200;

    /** Comma-separated API keys; set: REST `/v1` and `/ws` need one (`x-api-key` or `?apiKey=`). */
    @Matches(/^[A-Za-z0-9._~-]{0,200}(,[A-Za-z0-9._~-]{1,200})*$/, {
      message: '$property must be a comma-separated list of keys (letters, digits, . _ ~ -)',
    })
    API_KEYS: string = '';

    /** Comma-separated origins allowed for CORS and WebSocket; empty: any origin. */
    @Matches(/^(https?:\/\/[A-Za-z0-9.:[\]-]+)?(,https?:\/\/[A-Za-z0-9.:[\]-]+)*$/, {
      message:
        '$property must be a comma-separated list of origins such as https://app.example.com',
    })
    ALLOWED_ORIGINS: string = '';

    get gatewayOptions(): GatewayOptions {
      return {
        maxSubscriptions: this.WS_MAX_SUBSCRIPTIONS,
        maxMessagesPerWindow: this.WS_MAX_MESSAGES_PER_10S,
        maxRefusedFrames: this.WS_MAX_INVALID_FRAMES_PER_10S,
        conflateAboveBytes: this.WS_CONFLATE_ABOVE_BYTES,
        closeSlowClientAfterMs: this.WS_SLOW_CLIENT_CLOSE_MS,
        heartbeatMs: this.WS_HEARTBEAT_MS,
        rateLimitPerMinute: this.RATE_LIMIT_PER_MINUTE,
        apiKeys: list(this.API_KEYS),
        allowedOrigins: list(this.ALLOWED_ORIGINS),
      };
    }
  }
  return GatewayLimitsEnv;
}

export class GatewayEnv extends WithTlsEnv(
  WithPostgresEnv(WithRedisEnv(WithGatewayLimits(KafkaEnv))),
) {}
