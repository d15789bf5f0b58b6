import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DASHBOARD_HTML } from './dashboard.page';

/** The charting library's standalone build, served from node_modules: the page needs no CDN. */
const CHARTS_FILE = join(
  dirname(require.resolve('lightweight-charts/package.json')),
  'dist',
  'lightweight-charts.standalone.production.js',
);
let chartsScript: string | null = null;

@ApiExcludeController()
@Controller()
export class DashboardController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return DASHBOARD_HTML;
  }

  @Get('assets/lightweight-charts.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=86400')
  charts(): string {
    chartsScript ??= readFileSync(CHARTS_FILE, 'utf8');
    return chartsScript;
  }
}
