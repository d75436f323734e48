// npm run import -- <file.csv|file.json> [--api url] [--token jwt] [--dry-run] ...: see cli/import.ts.
import { runImport } from '../cli/import.ts';

process.exitCode = await runImport(process.argv.slice(2));
