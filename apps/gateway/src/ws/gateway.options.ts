import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface GatewayOptions {
  maxSubscriptions: number;
  maxMessagesPerWindow?: number;
  maxRefusedFrames?: number;
  conflateAboveBytes?: number;
  closeSlowClientAfterMs?: number;
  heartbeatMs?: number;
  rateLimitPerMinute?: number;
  /** Empty: no key needed. */
  apiKeys?: string[];
  /** Empty: any origin. */
  allowedOrigins?: string[];
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: GATEWAY_OPTIONS } =
  new ConfigurableModuleBuilder<GatewayOptions>().setClassMethodName('forRoot').build();
