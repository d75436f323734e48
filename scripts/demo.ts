// npm run demo [-- --api url --token jwt --fresh --timeout s]: see cli/demo.ts.
import { runDemo } from '../cli/demo.ts';

process.exitCode = await runDemo(process.argv.slice(2));
