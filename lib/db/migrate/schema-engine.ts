import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { Log } from "../embedded/processes";
import { createMigrationAdapterFactory } from "./adapter-factory";
import { engineMessage, MigrationError } from "./errors";

export type { SchemaEngine };

export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

let loading: Promise<void> | undefined;

// The bindings report a Rust panic's message here before trapping. A trap inside a callback cannot
// be caught by the caller and ends the process, so the message is logged right away.
const panics = { lastMessage: undefined as string | undefined, log: undefined as Log | undefined };
const panicRegistry = {
  set_message(message: string) {
    panics.lastMessage = message;
    panics.log?.(`[migrate] schema engine panic: ${message}`);
  },
};

// The package's entry imports the .wasm file as an ES module, which neither tsx nor Vitest load:
// instantiate it by hand and hand it to the generated bindings, once per process.
function loadEngine(): Promise<void> {
  loading ??= (async () => {
    const entry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm");
    const bytes = await fs.promises.readFile(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const wasmModule = await WebAssembly.compile(bytes);
    // The engine arms long timers (lock timeouts) that outlive its work: unref them, or every
    // script that migrates would wait for them before exiting.
    const functions: WebAssembly.ModuleImports = { ...(bindings as unknown as WebAssembly.ModuleImports) };
    for (const [name, value] of Object.entries(functions)) {
      if (name.startsWith("__wbg_setTimeout_") && typeof value === "function") {
        functions[name] = (...args: unknown[]) => {
          const timer = (value as (...a: unknown[]) => unknown)(...args);
          (timer as { unref?: () => void } | undefined)?.unref?.();
          return timer;
        };
      }
    }
    const imports = Object.fromEntries(WebAssembly.Module.imports(wasmModule).map(({ module }) => [module, functions]));
    const instance = await WebAssembly.instantiate(wasmModule, imports);
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY ??= panicRegistry;
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

export interface PrismaSchemaFile {
  path: string;
  content: string;
}

function forwardEngineLog(log: Log) {
  return (line: string) => {
    try {
      const event = JSON.parse(line) as { level?: string; fields?: { message?: string } };
      if (event.level === "WARN" || event.level === "ERROR") log(`[migrate] ${event.level.toLowerCase()}: ${event.fields?.message ?? line}`);
    } catch {
      log(`[migrate] ${line}`);
    }
  };
}

/** Runs `fn` with a schema engine connected to `databaseUrl`, and closes every connection after. */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  { schema, log }: { schema: PrismaSchemaFile | null; log: Log },
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadEngine();
  const adapters = createMigrationAdapterFactory(databaseUrl);
  let engine: SchemaEngine | undefined;
  panics.log = log;
  try {
    engine = await bindings.SchemaEngine.new(
      { datamodels: schema ? [[schema.path, schema.content]] : undefined },
      forwardEngineLog(log),
      bindMigrationAwareSqlAdapterFactory(adapters.factory),
    );
    return await fn(engine);
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    if (error instanceof WebAssembly.RuntimeError) {
      // A Rust panic leaves the WebAssembly instance unusable: load a fresh one next time.
      loading = undefined;
      const message = `The schema engine crashed: ${panics.lastMessage ?? error.message}`;
      panics.lastMessage = undefined;
      throw new MigrationError("engine", message, { cause: error });
    }
    throw new MigrationError("engine", engineMessage(error), { cause: error });
  } finally {
    try {
      engine?.free();
    } catch {
      // the instance trapped: it is replaced on the next call
    }
    await adapters.close();
  }
}
