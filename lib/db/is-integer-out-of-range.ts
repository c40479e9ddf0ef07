/**
 * True for PostgreSQL's "integer out of range" (SQLSTATE 22003), however the driver adapter wrapped it: Prisma's
 * raw-query errors carry the database's code and message in their message and meta.
 */
export function isIntegerOutOfRange(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const text = `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? {})} ${String((error as { code?: unknown }).code ?? "")}`;
  return /\b22003\b|out of range for type (integer|smallint|bigint)/i.test(text);
}
