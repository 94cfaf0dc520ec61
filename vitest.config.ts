import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Fault scenarios run on their own: npm run test:faults (vitest.faults.config.ts).
    exclude: ["tests/faults/**", "**/node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["tests/helpers/global-setup.ts"],
    reporters: ["default"],
  },
});
