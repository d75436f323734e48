// The bench's sections, in the order they run (cold-start reads what bundles built).
import { apiSection } from './api.ts';
import { bundlesSection } from './bundles.ts';
import { coldStartSection } from './cold-start.ts';
import { consoleSection } from './console.ts';
import { costSection } from './cost.ts';
import { nudgePrecisionSection } from './nudge-precision.ts';
import { nudgesSection } from './nudges.ts';
import { overheadSection } from './overhead.ts';
import type { BenchSection } from './report.ts';
import { reportsSection } from './reports.ts';
import { scaleSection } from './scale.ts';

export const SECTIONS: BenchSection[] = [
  bundlesSection,
  coldStartSection,
  apiSection,
  scaleSection,
  costSection,
  consoleSection,
  nudgesSection,
  reportsSection,
  overheadSection,
  nudgePrecisionSection,
];
