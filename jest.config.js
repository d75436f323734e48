// Native ESM jest (run with --experimental-vm-modules) with swc stripping the types:
// middy and idn-area-data are ESM-only, and swc needs no TypeScript compiler.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript' },
      target: 'es2023',
      experimental: { keepImportAttributes: true },
    },
    module: { type: 'es6' },
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  setupFiles: ['<rootDir>/test/support/loopback-only.ts'],
};

export default {
  testTimeout: 30_000,
  projects: [
    // Pure domain rules: no stand-in needed.
    { ...common, displayName: 'domain', testMatch: ['<rootDir>/test/domain/**/*.test.ts'] },
    // Use cases (application/) on their ports: no stand-in needed either.
    {
      ...common,
      displayName: 'application',
      testMatch: ['<rootDir>/test/application/**/*.test.ts'],
    },
    // The functions' middlewares (the HTTP layer, the task stack), each alone: no stand-in needed.
    {
      ...common,
      displayName: 'http',
      testMatch: ['<rootDir>/test/http/**/*.test.ts'],
      setupFiles: [...common.setupFiles, '<rootDir>/test/support/quiet-logs.ts'],
    },
    // Against a real DynamoDB Local started once for the run.
    {
      ...common,
      displayName: 'data',
      testMatch: ['<rootDir>/test/adapters/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/dynamodb-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/dynamodb-global-teardown.ts',
    },
    // The lifecycle state machine on the local engine, with DynamoDB Local and the SES stand-in.
    {
      ...common,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
      setupFiles: [...common.setupFiles, '<rootDir>/test/support/quiet-logs.ts'],
      globalSetup: '<rootDir>/test/support/dynamodb-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/dynamodb-global-teardown.ts',
    },
    // The HTTP API through the local adapter, on DynamoDB Local and the local engine.
    {
      ...common,
      displayName: 'api',
      testMatch: ['<rootDir>/test/api/**/*.test.ts'],
      setupFiles: [...common.setupFiles, '<rootDir>/test/support/quiet-logs.ts'],
      globalSetup: '<rootDir>/test/support/dynamodb-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/dynamodb-global-teardown.ts',
    },
    // The command-line tools (npx sepakat, demo, import) against that same API: the setup of api.
    {
      ...common,
      displayName: 'cli-api',
      testMatch: ['<rootDir>/test/cli-api/**/*.test.ts'],
      setupFiles: [...common.setupFiles, '<rootDir>/test/support/quiet-logs.ts'],
      globalSetup: '<rootDir>/test/support/dynamodb-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/dynamodb-global-teardown.ts',
    },
    // The command-line tools without an API: argument parsing, output, loopback stand-ins.
    { ...common, displayName: 'cli', testMatch: ['<rootDir>/test/cli/**/*.test.ts'] },
    // The files other tools read, against the code: the ASL definition and the OpenAPI document.
    { ...common, displayName: 'contracts', testMatch: ['<rootDir>/test/contracts/**/*.test.ts'] },
    // The local Step Functions engine and its JSON 1.0 API, with stand-in task functions.
    {
      ...common,
      displayName: 'local-engine',
      testMatch: ['<rootDir>/test/local-engine/**/*.test.ts'],
    },
    // The code the Lambda functions share (functions/shared/), where it needs nothing running.
    { ...common, displayName: 'functions', testMatch: ['<rootDir>/test/functions/**/*.test.ts'] },
    // The CDK app as synthesized: templates, IAM, alarms, cdk-nag.
    {
      ...common,
      displayName: 'infra',
      testMatch: ['<rootDir>/test/infra/**/*.test.ts'],
      setupFiles: [...common.setupFiles, '<rootDir>/test/support/console-assets.ts'],
    },
    // The coordinator console in Debian's chromium (playwright-core), against local mode
    // started in-process on free ports; screenshots in test-artifacts/console/.
    {
      ...common,
      displayName: 'console',
      testMatch: ['<rootDir>/test/console/**/*.test.ts'],
      setupFiles: [...common.setupFiles, '<rootDir>/test/support/quiet-logs.ts'],
    },
    // `npm start` end to end: local mode in a child process (its own DynamoDB Local), over HTTP.
    // Its tests set their own timeout (120 s): jest reads testTimeout only from the root.
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
