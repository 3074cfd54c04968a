import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["e2e/**/*.test.ts"], environment: "node", testTimeout: 60000, hookTimeout: 60000, reporters: ["default", "json"], outputFile: { json: "../artifacts/web-e2e.json" } },
});
