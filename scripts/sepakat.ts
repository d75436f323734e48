#!/usr/bin/env node
// npx sepakat <create|list|show|record|cancel|import|token> ...: see cli/sepakat.ts.
import { runSepakat } from '../cli/sepakat.ts';

process.exitCode = await runSepakat(process.argv.slice(2));
