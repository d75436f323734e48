// Placeholder until this section is built.
import type { BenchSection } from './report.ts';

export const coldStartSection: BenchSection = {
  id: 'cold-start',
  title: 'cold-start',
  run: () => Promise.reject(new Error('bench section cold-start is not built yet')),
};
