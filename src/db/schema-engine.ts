// Prisma's schema engine compiled to WASM: migrations without the native engine,
// which these machines (and many 政务内网) cannot download. See README「数据库迁移」.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";

let loaded: Promise<void> | undefined;

/** Instantiates the WASM module by hand so Node needs no --experimental-wasm-modules flag. */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

export type SchemaEngine = bg.SchemaEngine;

export async function openSchemaEngine(adapterFactory: SqlMigrationAwareDriverAdapterFactory, log: (line: string) => void = () => {}): Promise<SchemaEngine> {
  await loadWasm();
  return bg.SchemaEngine.new({ datamodels: undefined }, log, bindMigrationAwareSqlAdapterFactory(adapterFactory));
}
