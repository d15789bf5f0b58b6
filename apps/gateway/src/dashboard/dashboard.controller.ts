import { Controller, Get, Header, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARD_HTML } from './dashboard.page';

/**
 * The page's script: browser/main.ts with lightweight-charts, bundled by esbuild into dist beside
 * this file at `npm run build` (the page needs no CDN). Run from source, the gateway has none.
 */
const SCRIPT_FILE = join(__dirname, 'dashboard.bundle.js');
let script: string | null = null;

@ApiExcludeController()
@Controller()
export class DashboardController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return DASHBOARD_HTML;
  }

  @Get('assets/dashboard.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  script(): string {
    if (script === null && !existsSync(SCRIPT_FILE)) {
      throw new NotFoundException(`${SCRIPT_FILE} is missing: npm run build bundles it`);
    }
    script ??= readFileSync(SCRIPT_FILE, 'utf8');
    return script;
  }
}
