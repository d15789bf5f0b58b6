import { deviationLimitFor, parseDeviationSettings } from './deviation-settings';
import { DeviationSettingsSource } from './deviation-settings-source';

describe(parseDeviationSettings.name, () => {
  it('reads symbol and default limits as exact decimal strings', () => {
    const settings = parseDeviationSettings({ '*': '10', BTCUSDT: '2.5', ETHUSDT: 3 });
    expect([...settings]).toEqual([
      ['*', '10'],
      ['BTCUSDT', '2.5'],
      ['ETHUSDT', '3'],
    ]);
    expect(deviationLimitFor(settings, 'BTCUSDT')).toBe('2.5');
    expect(deviationLimitFor(settings, 'XRPUSDT')).toBe('10');
    expect(deviationLimitFor(parseDeviationSettings({ BTCUSDT: '1' }), 'XRPUSDT')).toBeUndefined();
  });

  it.each([
    [[], 'settings must be a JSON object of symbol to percent'],
    [{ btcusdt: '1' }, '"btcusdt" is not a symbol or "*"'],
    [{ BTCUSDT: '-1' }, 'BTCUSDT: "-1" is not a positive decimal percentage'],
    [{ BTCUSDT: '0.000' }, 'BTCUSDT: "0.000" is not a positive decimal percentage'],
    [{ BTCUSDT: 1e-7 }, 'BTCUSDT: 1e-7 is not a positive decimal percentage'],
  ])('rejects %j', (json, message) => {
    expect(() => parseDeviationSettings(json)).toThrow(message);
  });
});

describe(DeviationSettingsSource.name, () => {
  it('layers env < file < URL, and keeps the last good settings when a re-read fails', async () => {
    let file = '{"*":"5"}';
    let url: unknown = { BTCUSDT: '1' };
    let urlFails = true;
    const errors: string[] = [];
    const source = new DeviationSettingsSource({
      envJson: '{"*":"20"}',
      filePath: '/etc/limits.json',
      url: 'http://settings.local/limits',
      refreshMs: 1000,
      onError: (error) => errors.push(error.message),
      readText: () => Promise.resolve(file),
      fetchJson: () => (urlFails ? Promise.reject(new Error('HTTP 503')) : Promise.resolve(url)),
    });
    expect(source.limitFor('BTCUSDT')).toBe('20');

    await source.refresh();
    expect(source.limitFor('BTCUSDT')).toBe('5');
    expect(errors).toEqual(['anomaly settings URL http://settings.local/limits: HTTP 503']);

    urlFails = false;
    await source.refresh();
    expect(source.limitFor('BTCUSDT')).toBe('1');
    expect(source.limitFor('ETHUSDT')).toBeUndefined(); // the URL's settings replace, not merge

    url = { BTCUSDT: 'lots' };
    file = 'not json';
    await source.refresh();
    expect(source.limitFor('BTCUSDT')).toBe('1');
    expect(errors).toHaveLength(3);
    expect(errors[2]).toBe(
      'anomaly settings URL http://settings.local/limits: BTCUSDT: "lots" is not a positive decimal percentage',
    );
  });
});
