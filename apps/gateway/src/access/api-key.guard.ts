import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { GATEWAY_OPTIONS, GatewayOptions } from '../ws/gateway.options';
import { apiKeyAccepted, presentedApiKey } from './access-control';

/** REST `/v1`: when API keys are configured, a request without a valid one gets 401. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; url: string }>();
    if (apiKeyAccepted(this.options.apiKeys ?? [], presentedApiKey(request.headers, request.url))) {
      return true;
    }
    throw new UnauthorizedException('missing or invalid API key (send it as x-api-key)');
  }
}
