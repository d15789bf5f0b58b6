/**
 * A dependency readiness depends on (Kafka, Postgres, Redis). `check` resolves with details when the
 * dependency answers and rejects with the reason when it does not.
 */
export interface ReadinessProbe {
  readonly name: string;
  check(): Promise<Record<string, unknown> | void>;
}

/** Multi-provider token: every module that owns a dependency contributes its probe. */
export const READINESS_PROBES = Symbol('READINESS_PROBES');
