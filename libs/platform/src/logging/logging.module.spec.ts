import { prettyLogs } from './logging.module';

describe(prettyLogs.name, () => {
  it.each([
    ['auto', true, true],
    ['auto', false, false],
    ['pretty', false, true],
    ['json', true, false],
  ] as const)('LOG_FORMAT=%s on a terminal=%s: pretty=%s', (format, terminal, expected) => {
    expect(prettyLogs(format, terminal)).toBe(expected);
  });
});
