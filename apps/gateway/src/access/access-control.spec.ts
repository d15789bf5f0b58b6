import { apiKeyAccepted, originAllowed, presentedApiKey } from './access-control';

describe(presentedApiKey.name, () => {
  it('prefers the header, falls back to the apiKey query parameter', () => {
    expect(presentedApiKey({ 'x-api-key': 'h' }, '/ws?apiKey=q')).toBe('h');
    expect(presentedApiKey({}, '/ws?x=1&apiKey=q')).toBe('q');
    expect(presentedApiKey({}, '/ws')).toBeUndefined();
  });
});

describe(apiKeyAccepted.name, () => {
  it('lets everyone in when no key is configured', () => {
    expect(apiKeyAccepted([], undefined)).toBe(true);
  });

  it.each([
    ['a configured key', 'k2', true],
    ['a wrong key', 'k3', false],
    ['a prefix of a key', 'k', false],
    ['no key', undefined, false],
  ])('with keys configured, %s → %s', (_case, key, expected) => {
    expect(apiKeyAccepted(['k1', 'k2'], key)).toBe(expected);
  });
});

describe(originAllowed.name, () => {
  it('checks browser origins against the allowlist only when one is set', () => {
    expect(originAllowed([], 'http://evil.example')).toBe(true);
    expect(originAllowed(['http://app.example'], 'http://app.example')).toBe(true);
    expect(originAllowed(['http://app.example'], 'http://evil.example')).toBe(false);
    expect(originAllowed(['http://app.example'], undefined)).toBe(true);
  });
});
