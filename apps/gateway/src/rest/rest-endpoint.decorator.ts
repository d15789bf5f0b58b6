import { applyDecorators, UseGuards, UsePipes } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiKeyGuard } from '../access/api-key.guard';
import { restValidationPipe } from './rest-validation.pipe';
import { ErrorDto } from './rest.dto';

/** What every `/v1` controller shares: API key check, rate limit, parameter validation, error docs. */
export function RestApi(): ClassDecorator {
  return applyDecorators(
    UseGuards(ApiKeyGuard, ThrottlerGuard),
    UsePipes(restValidationPipe()),
    ApiHeader({
      name: 'x-api-key',
      required: false,
      description: 'Needed when the gateway runs with API_KEYS set',
    }),
    ApiResponse({
      status: 400,
      type: ErrorDto,
      description: 'A parameter is invalid; `parameter` names it',
    }),
    ApiResponse({
      status: 401,
      type: ErrorDto,
      description: 'API keys are on and the key is missing or wrong',
    }),
    ApiResponse({
      status: 429,
      description: 'Rate limit (RATE_LIMIT_PER_MINUTE per client) exceeded',
    }),
  );
}
