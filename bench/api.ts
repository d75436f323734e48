// Placeholder until this section is built.
import type { BenchSection } from './report.ts';

export const apiSection: BenchSection = {
  id: 'api',
  title: 'api',
  run: () => Promise.reject(new Error('bench section api is not built yet')),
};
