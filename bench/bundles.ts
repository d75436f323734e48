// Placeholder until this section is built.
import type { BenchSection } from './report.ts';

export const bundlesSection: BenchSection = {
  id: 'bundles',
  title: 'bundles',
  run: () => Promise.reject(new Error('bench section bundles is not built yet')),
};
