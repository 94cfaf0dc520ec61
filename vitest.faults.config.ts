// Fault scenarios (npm run test:faults): the real service as a child process, killed, restarted,
// its database restarted, its platforms down. Slower than the unit and integration suite.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/faults/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    globalSetup: ["tests/helpers/global-setup.ts"],
    fileParallelism: false,
  },
});
