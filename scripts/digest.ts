// npm run digest -- --dry-run: see cli/digest.ts.
import { runDigest } from '../cli/digest.ts';

process.exitCode = await runDigest(process.argv.slice(2));
