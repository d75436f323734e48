import { RetentionDays } from 'aws-cdk-lib/aws-logs';

// Per-environment settings, chosen with `--context env=<name>` (default: dev).
export interface EnvironmentConfig {
  envName: string;
  /** AWS region to deploy to: Jakarta keeps the regions' data in Indonesia. */
  awsRegion: string;
  /** Kemendagri code of the region that offers its applications (Kota Bandung). */
  hostRegionCode: string;
  /** Production keeps its data: RETAIN on delete and deletion protection. */
  production: boolean;
  /**
   * The verified SES identity reminders are sent from. The task functions may send from this
   * address only: their IAM policy names its address and domain identities.
   */
  senderEmail: string;
  /** Where "needs attention" notices about failed workflow executions go. */
  operationsEmail: string;
  /** How long the functions', the state machine's and the API's logs are kept. */
  logRetention: RetentionDays;
  /**
   * Origins of the web pages that may call the coordinators' API from a browser (CORS). Full
   * origins (`https://host`), no wildcards: the API answers with the caller's bearer token.
   */
  corsOrigins: string[];
}

// Reserved example domains (RFC 2606 style) until the real identities are verified in SES.
const ENVIRONMENTS: Record<string, EnvironmentConfig> = {
  dev: {
    envName: 'dev',
    awsRegion: 'ap-southeast-3',
    hostRegionCode: '32.73',
    production: false,
    senderEmail: 'sepakat-dev@bandung.example.go.id',
    operationsEmail: 'operasional-dev@bandung.example.go.id',
    logRetention: RetentionDays.ONE_MONTH,
    corsOrigins: ['https://sepakat-dev.bandung.example.go.id'],
  },
  prod: {
    envName: 'prod',
    awsRegion: 'ap-southeast-3',
    hostRegionCode: '32.73',
    production: true,
    senderEmail: 'sepakat@bandung.example.go.id',
    operationsEmail: 'operasional@bandung.example.go.id',
    logRetention: RetentionDays.ONE_YEAR,
    corsOrigins: ['https://sepakat.bandung.example.go.id'],
  },
};

export function environmentConfig(name: string): EnvironmentConfig {
  const config = ENVIRONMENTS[name];
  if (!config) {
    throw new Error(
      `Unknown environment "${name}": use --context env=${Object.keys(ENVIRONMENTS).join(' or env=')}`,
    );
  }
  return config;
}
