// vitest's own defaults, but for its 5 s limit per test and hook: on a loaded 2-core CI machine an
// in-process compile of the examples alone can take longer, and a limit that depends on the machine's
// load is a flaky test. Tests that run tools, the CLI or properties still state their own limits
// (test/architecture/timeouts.test.ts); this is the floor for every other one.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
