import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface GatewayOptions {
  maxSubscriptions: number;
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: GATEWAY_OPTIONS } =
  new ConfigurableModuleBuilder<GatewayOptions>().setClassMethodName('forRoot').build();
