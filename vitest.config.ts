import { defineConfig } from 'vitest/config';

const exclude = ['**/node_modules/**', '.tools/**', '**/.data/**'];

// Three tiers, chosen by file suffix: *.unit.spec.ts (pure), *.int.spec.ts (real engines),
// *.e2e.spec.ts (whole platform over HTTP and Kafka).
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['**/*.unit.spec.ts'], exclude } },
      { extends: true, test: { name: 'int', include: ['**/*.int.spec.ts'], exclude } },
      {
        extends: true,
        test: { name: 'e2e', include: ['**/*.e2e.spec.ts'], exclude, fileParallelism: false },
      },
    ],
  },
});
