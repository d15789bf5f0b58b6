import { LayeredSettings } from './layered-settings';

describe(LayeredSettings.name, () => {
  it('reports each change of the settings in force once, and keeps the last good on a bad read', async () => {
    let file = '{"n":2}';
    const changes: number[] = [];
    const errors: string[] = [];
    const settings = new LayeredSettings<number>({
      name: 'test settings',
      base: 1,
      filePath: '/etc/n.json',
      refreshMs: 1000,
      parse: (json) => {
        const n = (json as { n?: unknown }).n;
        if (typeof n !== 'number') throw new Error('n must be a number');
        return n;
      },
      onError: (error) => errors.push(error.message),
      onChange: (n) => changes.push(n),
      readText: () => Promise.resolve(file),
    });
    expect(settings.current).toBe(1);
    await settings.refresh();
    await settings.refresh(); // unchanged: no second report
    expect(settings.current).toBe(2);
    file = '{"n":"three"}';
    await settings.refresh();
    expect(settings.current).toBe(2);
    file = '{"n":3}';
    await settings.refresh();
    expect(changes).toEqual([2, 3]);
    expect(errors).toEqual(['test settings file /etc/n.json: n must be a number']);
  });
});
