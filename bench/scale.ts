// Placeholder until this section is built.
import type { BenchSection } from './report.ts';

export const scaleSection: BenchSection = {
  id: 'scale',
  title: 'scale',
  run: () => Promise.reject(new Error('bench section scale is not built yet')),
};
