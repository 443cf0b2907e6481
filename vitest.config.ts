import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // expect.poll gives up after 1 s by default. The browser tests poll for what a page shows after its
    // API calls; on a shared 2-core CI machine running other test files beside them, a page can take
    // longer than that (the sessions list once did). A real failure still fails, 15 s later.
    expect: { poll: { timeout: 15_000 } },
  },
});
