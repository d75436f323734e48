// The bench's sections, in the order they run (cold-start reads what bundles built).
import type { BenchSection } from './report.ts';

export const SECTIONS: BenchSection[] = [];
