import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** A path named in a file of the repository that leads outside it. */
export interface OutsidePath {
  /** `file:line`, the file relative to the repository root. */
  where: string;
  /** As written. */
  written: string;
  /** Where it leads, relative to the repository root (starts with `..`). */
  resolved: string;
}

/**
 * The data folder that sat beside the checkout before the recordings were copied in; a clone has
 * no such sibling. Spelled in two parts so that this file does not name it.
 */
const SIBLING_DATA = ['shared', 'data'].join('/');

/** `./x`, `../x`, `../..`: a relative path as written anywhere (code, comment, Markdown, env). */
const RELATIVE_PATH = /(?<![\w./@$-])(?:\.{1,2}\/)+[\w@.$/-]*/g;
const climbs = (written: string) => written.split('/').includes('..');

/** `join(__dirname, 'a', '..')` or `resolve(__dirname, ...)`: the leading string arguments. */
const DIRNAME_JOIN = /\b(?:join|resolve)\(\s*__dirname\s*((?:,\s*(['"])[^'"]*\2\s*)+)/g;
const STRING_ARGUMENT = /(['"])([^'"]*)\1/g;

/**
 * The paths in `text` (the contents of `file`, relative to `root`) that lead outside `root`, found
 * three ways, line by line: every climbing relative path (`../`) resolved from the file's own
 * folder; every `join`/`resolve` of `__dirname` with string arguments evaluated the same way; and
 * any mention of the old sibling data folder, whatever it is relative to.
 */
export function outsidePaths(root: string, file: string, text: string): OutsidePath[] {
  const folder = path.resolve(root, path.dirname(file));
  const found: OutsidePath[] = [];
  const check = (line: number, written: string, target: string) => {
    const resolved = path.relative(root, target);
    if (resolved === '..' || resolved.startsWith(`..${path.sep}`) || path.isAbsolute(resolved)) {
      found.push({ where: `${file}:${line}`, written, resolved });
    }
  };
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    for (const [written] of content.matchAll(RELATIVE_PATH)) {
      if (climbs(written)) check(line, written, path.resolve(folder, written));
    }
    for (const [written, args] of content.matchAll(DIRNAME_JOIN)) {
      const segments = [...args.matchAll(STRING_ARGUMENT)].map((match) => match[2]);
      check(line, written, path.join(folder, ...segments));
    }
    if (content.includes(SIBLING_DATA)) {
      found.push({
        where: `${file}:${line}`,
        written: SIBLING_DATA,
        resolved: `../${SIBLING_DATA}`,
      });
    }
  });
  return found;
}

/**
 * Every text file git tracks or would track (untracked files not ignored count: a new file
 * is checked before its first commit), relative to `root`. Binary files (a NUL byte among the
 * first 8 KiB, as git itself decides) are skipped: the gzip recordings name no paths.
 */
export function repositoryTextFiles(root: string): string[] {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return [...new Set(listed.split('\0').filter((name) => name !== ''))]
    .filter((name) => isText(path.join(root, name)))
    .sort();
}

function isText(file: string): boolean {
  try {
    return !readFileSync(file).subarray(0, 8192).includes(0);
  } catch {
    return false; // deleted in the working tree but still in the index: nothing to read
  }
}
