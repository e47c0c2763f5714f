import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every temporary folder a test makes lands in one folder, removed when the run ends.
    globalSetup: ['test/helpers/temp-root.ts'],
    // Many tests run the CLI or git as processes, some compile the example inventory several times:
    // on a busy machine five seconds is too short for them. Speed is the benchmark's business.
    testTimeout: 60_000,
  },
});
