/** One step of the schema. Applied once, in version order; never edited after it has shipped. */
export interface Migration {
  readonly version: number;
  /** snake_case; with the version it names the file: `001_consumer_offsets.ts`. */
  readonly name: string;
  /** One or more statements, run in one transaction together with its `schema_migrations` row. */
  readonly sql: string;
}
