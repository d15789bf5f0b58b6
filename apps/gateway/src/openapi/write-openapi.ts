import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { buildGatewayOpenApi } from './gateway-openapi';

/** `npm run openapi` (from the repository root) regenerates it; CI checks it is current. */
export const OPENAPI_FILE = join(process.cwd(), 'apps', 'gateway', 'openapi.json');

/** Formatted as the repository's prettier formats JSON, so `prettier --check` and the file agree. */
export async function formatOpenApi(document: object): Promise<string> {
  const options = (await resolveConfig(OPENAPI_FILE)) ?? {};
  return format(JSON.stringify(document), { ...options, parser: 'json' });
}

if (require.main === module) {
  void buildGatewayOpenApi()
    .then(formatOpenApi)
    .then((text) => {
      writeFileSync(OPENAPI_FILE, text);
      process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
    });
}
