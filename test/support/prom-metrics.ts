import { register } from 'prom-client';

/** A metric's value in this process's default registry, summed over all its labels (0 if none). */
export async function counterValue(name: string): Promise<number> {
  const metric = await register.getSingleMetric(name)?.get();
  return metric?.values.reduce((sum, v) => sum + v.value, 0) ?? 0;
}
