// `npm start`: local mode (local/local-mode.ts) until Ctrl-C or SIGTERM, which stop every part
// and keep the data for the next start. Settings: SEPAKAT_API_PORT, SEPAKAT_SFN_PORT,
// SEPAKAT_DDB_PORT, SEPAKAT_SES_PORT, SEPAKAT_DATA_DIR, SEPAKAT_TIME_SCALE.
import { LocalModeError, startLocalMode, type LocalMode } from './local-mode.ts';

let mode: LocalMode | undefined;
let stopRequested: NodeJS.Signals | undefined;

async function shutdown(running: LocalMode, signal: NodeJS.Signals): Promise<never> {
  console.log(`\n${signal}: stopping local mode (again to force)...`);
  try {
    await running.stop();
    console.log(`Stopped. The data stays in ${running.dataDir} for the next start.`);
    process.exit(0);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

// Installed before anything starts: DynamoDB Local runs in its own process group and must be
// stopped by this process whatever ends it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopRequested) {
      // A second signal: exit now (the exit handler still kills DynamoDB Local).
      process.exit(130);
    }
    stopRequested = signal;
    if (mode) void shutdown(mode, signal);
  });
}

try {
  mode = await startLocalMode();
} catch (error) {
  const message =
    error instanceof LocalModeError
      ? error.message
      : `Local mode could not start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(message);
  process.exit(1);
}
if (stopRequested) await shutdown(mode, stopRequested);
