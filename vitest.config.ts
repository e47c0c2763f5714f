import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every temporary folder a test makes lands in one folder, removed when the run ends.
    globalSetup: ['test/helpers/temp-root.ts'],
  },
});
