// cli/shared.ts (imported by cli/import-rows.ts for its UsageError) resolves file paths, which
// the import page never does: these stand-ins say so if that ever changes.
function unavailable(): never {
  throw new Error('File paths are not available in the browser');
}

export const isAbsolute = unavailable;
export const resolve = unavailable;
