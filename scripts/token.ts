// npm run --silent token -- --role host | --role partner --region 61.12: see cli/token.ts.
import { runToken } from '../cli/token.ts';

process.exitCode = await runToken(process.argv.slice(2));
