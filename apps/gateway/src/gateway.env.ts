import { KafkaEnv } from '@app/messaging';
import { EnvConstructor, EnvInt } from '@app/platform';

/** WebSocket limits; shared by the gateway and the embedded mode. */
export function WithGatewayLimits<TBase extends EnvConstructor>(Base: TBase) {
  class GatewayLimitsEnv extends Base {
    /** Most channels one WebSocket connection may subscribe to. */
    @EnvInt(1, 10_000)
    WS_MAX_SUBSCRIPTIONS: number = 100;
  }
  return GatewayLimitsEnv;
}

export class GatewayEnv extends WithGatewayLimits(KafkaEnv) {}
