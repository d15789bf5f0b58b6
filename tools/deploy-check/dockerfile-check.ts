import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appOfCommand } from './app-env';

export interface DockerStage {
  from: string;
  name?: string;
  instructions: { keyword: string; args: string }[];
}

/** A Dockerfile's stages and instructions (continuation lines joined, comments dropped). */
export function parseDockerfile(text: string): DockerStage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [from, , name] = args.split(/\s+/);
      stages.push({ from, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/**
 * The image builds what `npm run build` compiles and runs what the deployments start: the build
 * stage copies every directory tsconfig.build.json compiles, the final stage has production
 * dependencies only, runs as a non-root user with `node` as entrypoint and an app as command, and
 * the build context leaves out what must not be baked in (node_modules, dist, .git, .env).
 */
export function checkDockerfile(root: string): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const final = stages.at(-1);
  if (final === undefined) return ['Dockerfile: no stage'];
  const all = (stage: DockerStage, keyword: string) =>
    stage.instructions.filter((instruction) => instruction.keyword === keyword);
  const last = (stage: DockerStage, keyword: string) => all(stage, keyword).at(-1)?.args;

  const build = stages.find((stage) =>
    all(stage, 'RUN').some((run) => run.args.includes('npm run build')),
  );
  if (build === undefined) problems.push('Dockerfile: no stage runs npm run build');
  else {
    const copied = all(build, 'COPY').flatMap((copy) => copy.args.split(/\s+/).slice(0, -1));
    const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as {
      include?: string[];
    };
    for (const pattern of tsconfig.include ?? []) {
      const dir = pattern.split('/')[0];
      if (!copied.some((source) => source.replace(/^\.\//, '').replace(/\/$/, '') === dir)) {
        problems.push(
          `Dockerfile: the build stage does not COPY ${dir}/, which the build compiles`,
        );
      }
    }
  }
  const installs = stages.flatMap((stage) => all(stage, 'RUN')).map((run) => run.args);
  if (!installs.some((run) => /npm ci\b.*--omit=dev/.test(run))) {
    problems.push('Dockerfile: production dependencies must come from npm ci --omit=dev');
  }
  if (!/^node:24-bookworm-slim$/.test(final.from)) {
    problems.push(`Dockerfile: the final stage is FROM ${final.from}, not node:24-bookworm-slim`);
  }
  const user = last(final, 'USER');
  if (user === undefined || /^(root|0)(:|$)/.test(user)) {
    problems.push(`Dockerfile: the final stage runs as ${user ?? 'root (no USER)'}`);
  }
  if (last(final, 'ENTRYPOINT') !== '["node"]')
    problems.push('Dockerfile: ENTRYPOINT must be ["node"]');
  const command = JSON.parse(last(final, 'CMD') ?? '[]') as string[];
  const app = appOfCommand(command);
  if (app === undefined || !existsSync(join(root, 'apps', app, 'src', 'main.ts'))) {
    problems.push(`Dockerfile: CMD ${JSON.stringify(command)} starts no app`);
  }
  if (last(final, 'STOPSIGNAL') !== 'SIGTERM')
    problems.push('Dockerfile: STOPSIGNAL must be SIGTERM');

  const ignored = new Set(
    readFileSync(join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim()),
  );
  for (const entry of ['node_modules', 'dist', '.git', '.env']) {
    if (!ignored.has(entry))
      problems.push(`.dockerignore: ${entry} must be left out of the build context`);
  }
  return problems;
}
