import { buildOpenApiDocument } from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';
import { GatewayAppModule } from '../gateway-app.module';
import { GatewayEnv } from '../gateway.env';

export const GATEWAY_API = {
  title: 'marketstream gateway',
  description:
    'Market data and swap statistics over REST and WebSocket (/ws; protocol in apps/gateway/asyncapi.yaml). ' +
    'Limits: book depth 1-1000 (default 20), trades 1-100 (default 50), candles at most 1440 per request; ' +
    'a bad parameter gets 400 naming it, an unknown symbol or pair 404, a missing or wrong API key 401 (when API_KEYS is set), ' +
    'more than RATE_LIMIT_PER_MINUTE requests per minute 429.',
};

/**
 * The gateway's OpenAPI document, built from the real app module in Nest's preview mode: routes
 * and schemas are read from metadata, nothing connects to Kafka, Redis or Postgres.
 */
export async function buildGatewayOpenApi(): Promise<OpenAPIObject> {
  const env = Object.assign(new GatewayEnv(), {
    REDIS_URL: 'redis://localhost:6379',
    DATABASE_URL: 'postgres://localhost:5432/postgres',
  });
  const app = await NestFactory.create(GatewayAppModule.forEnv(env), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return buildOpenApiDocument(app, GATEWAY_API);
  } finally {
    await app.close();
  }
}
