// Placeholder until this section is built.
import type { BenchSection } from './report.ts';

export const costSection: BenchSection = {
  id: 'cost',
  title: 'cost',
  run: () => Promise.reject(new Error('bench section cost is not built yet')),
};
