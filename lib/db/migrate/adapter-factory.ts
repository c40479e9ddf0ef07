import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { runStatement, withDatabaseName } from "../database-url";

// The schema engine's view of PostgreSQL: PrismaPg, with the three faults of adapter-pg 7.10 that
// migrations hit worked around (see ../shared notes on offline Prisma).

const CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_class.relkind, pg_constraint.contype, ...)
const TEXT_OID = 25;
const CHAR_COLUMNS = Symbol("char columns");

type QueryResultLike = { fields?: { dataTypeID: number }[]; rows?: unknown[] };

// 1. adapter-pg cannot map "char" columns, which the engine reads from pg_catalog, and the engine
//    insists on reading them as characters. Below adapter-pg, relabel them as text (their text
//    value is already a one-character string) and note their positions on the rows array, which
//    adapter-pg passes through; above it, report those columns as Character.
function relabelCharColumns<T>(result: T): T {
  for (const part of (Array.isArray(result) ? result : [result]) as QueryResultLike[]) {
    const positions: number[] = [];
    part?.fields?.forEach((field, index) => {
      if (field.dataTypeID !== CHAR_OID) return;
      field.dataTypeID = TEXT_OID;
      positions.push(index);
    });
    if (positions.length && part.rows) Object.defineProperty(part.rows, CHAR_COLUMNS, { value: positions });
  }
  return result;
}

function restoreCharColumns(result: SqlResultSet): SqlResultSet {
  const positions = (result.rows as { [CHAR_COLUMNS]?: number[] })[CHAR_COLUMNS] ?? [];
  for (const index of positions) result.columnTypes[index] = ColumnTypeEnum.Character;
  return result;
}

function reportCharColumns<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => restoreCharColumns(await queryRaw(query));
  return queryable;
}

class CharAsTextClient extends pg.Client {}
const baseQuery = pg.Client.prototype.query;
CharAsTextClient.prototype.query = function query(this: pg.Client, ...args: unknown[]) {
  const last = args.at(-1);
  if (typeof last === "function") {
    // pg-pool calls client.query(text, values, callback)
    args[args.length - 1] = (error: unknown, result: unknown) => last(error, error ? result : relabelCharColumns(result));
    return (baseQuery as (...a: unknown[]) => unknown).apply(this, args);
  }
  const returned = (baseQuery as (...a: unknown[]) => unknown).apply(this, args);
  return returned instanceof Promise ? returned.then(relabelCharColumns) : returned;
} as typeof baseQuery;

function toDriverError(error: unknown): unknown {
  const e = error as Partial<pg.DatabaseError>;
  if (typeof e.code !== "string" || typeof e.severity !== "string") return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: e.code,
    severity: e.severity,
    message: e.message ?? "",
    detail: e.detail,
    column: e.column,
    hint: e.hint,
  });
}

export interface MigrationAdapterFactory {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Disposes every adapter the engine left open and drops any shadow database left behind. */
  close(): Promise<void>;
}

export function createMigrationAdapterFactory(databaseUrl: string): MigrationAdapterFactory {
  const open = new Set<SqlDriverAdapter>();

  async function connectTo(url: string, afterDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const adapter = await new PrismaPg({ connectionString: url, Client: CharAsTextClient, max: 4 }).connect();
    const pool = adapter.underlyingDriver();
    reportCharColumns(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => reportCharColumns(await startTransaction(isolationLevel));
    // adapter-pg splits scripts on every ";" (breaking $$ bodies and string literals) and runs the
    // pieces one by one. Send the script whole, as the native engine does: one implicit
    // transaction, so a failing migration leaves nothing half-applied.
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        throw toDriverError(error);
      }
    };
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!open.delete(adapter)) return;
      await dispose();
      await afterDispose?.();
    };
    open.add(adapter);
    return adapter;
  }

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectTo(databaseUrl),
    // 2. PrismaPg builds the shadow pool as { ...config, database }, which a connection string
    //    overrides: the history would replay into the main database. Build our own.
    // 3. adapter-pg drops the shadow database before closing its pool, which fails: close first,
    //    then drop WITH (FORCE).
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "_")}`;
      await runStatement(databaseUrl, `CREATE DATABASE "${name}"`);
      return connectTo(withDatabaseName(databaseUrl, name), () =>
        runStatement(databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };

  return {
    factory,
    async close() {
      const errors: unknown[] = [];
      for (const adapter of [...open]) await adapter.dispose().catch((error: unknown) => errors.push(error));
      if (errors.length) throw errors[0];
    },
  };
}
