import { loadConfig, ConfigError } from "./config.ts";
import { createLogger } from "./logger.ts";
import { createApp } from "./app.ts";

const startedAt = performance.now();
let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const logger = createLogger(config.LOG_LEVEL);
const app = await createApp({ config, logger });
const { port } = await app.start();
logger.info(
  { port, database: app.database.kind, startupMs: Math.round(performance.now() - startedAt) },
  `人大代表联络助手已启动：http://localhost:${port}${config.SIMULATOR_ENABLED ? `/simulator` : ""}`,
);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    app.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
