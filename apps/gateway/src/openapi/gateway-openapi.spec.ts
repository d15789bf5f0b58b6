import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { OpenAPI } from 'openapi-types';
import { buildGatewayOpenApi } from './gateway-openapi';
import { formatOpenApi, OPENAPI_FILE } from './write-openapi';

describe('gateway OpenAPI document', () => {
  let generated: string;

  beforeAll(async () => {
    generated = await formatOpenApi(await buildGatewayOpenApi());
  }, 30_000);

  it('is committed and current (regenerate with `npm run openapi`)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(generated);
  });

  it('passes the OpenAPI validator', async () => {
    const api = (await SwaggerParser.validate(JSON.parse(generated) as OpenAPI.Document)) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(api.paths).sort()).toEqual([
      '/health/live',
      '/health/ready',
      '/metrics',
      '/v1/book/{symbol}',
      '/v1/candles',
      '/v1/markets',
      '/v1/stats',
      '/v1/ticker/{symbol}',
      '/v1/top',
      '/v1/trades/{symbol}',
      '/v1/trades/{symbol}/history',
    ]);
  });

  it('documents every parameter with its limits', () => {
    const api = JSON.parse(generated) as {
      paths: Record<
        string,
        { get: { parameters: { name: string; schema: Record<string, unknown> }[] } }
      >;
    };
    const depth = api.paths['/v1/book/{symbol}'].get.parameters.find((p) => p.name === 'depth');
    expect(depth?.schema).toMatchObject({ minimum: 1, maximum: 1000 });
    const limit = api.paths['/v1/trades/{symbol}'].get.parameters.find((p) => p.name === 'limit');
    expect(limit?.schema).toMatchObject({ minimum: 1, maximum: 100 });
    const window = api.paths['/v1/stats'].get.parameters.find((p) => p.name === 'window');
    expect(window?.schema).toMatchObject({ enum: ['1m', '1h', '24h', 'all'] });
  });
});
