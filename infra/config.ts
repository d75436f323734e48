import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { reminderPolicySchema, type ReminderPolicyInput } from '../domain/schemas.ts';

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
   * The address reminders are sent from. The functions may send from this address only: their
   * IAM policy names it as `ses:FromAddress`, with `emailIdentity` and the configuration set.
   */
  senderEmail: string;
  /**
   * The SES identity that verifies the sender, which the stack creates: a domain
   * (`bandung.example.go.id`) or an address (`sepakat@bandung.example.go.id`). It must cover
   * `senderEmail`: the address itself, or its domain (or a parent domain).
   * @default the domain of `senderEmail`
   */
  emailIdentity?: string;
  /** Where "needs attention" notices about failed workflow executions go. */
  operationsEmail: string;
  /**
   * Subscribed to the alarm topic: every alarm of docs/runbook.md is mailed here. SNS sends a
   * confirmation email first; nothing arrives until someone confirms it.
   */
  alarmEmail: string;
  /** `email:name` of the leaders who receive the monthly digest of the whole programme. */
  digestLeaders?: readonly string[];
  /**
   * The reminder policy of agreements registered without one; parts left out take the domain's
   * defaults (domain/reminder-policy.ts DEFAULT_REMINDER_POLICY). Validated at synth.
   */
  reminderPolicy: ReminderPolicyInput;
  /** SES bounce rate (0..1) above which the bounce alarm fires; SES reviews an account at 5%. */
  bounceRateAlarmThreshold: number;
  /** How long the functions', the state machine's and the API's logs are kept. */
  logRetention: RetentionDays;
  /**
   * Origins of the web pages that may call the coordinators' API from a browser (CORS). Full
   * origins (`https://host`), no wildcards: the API answers with the caller's bearer token.
   */
  corsOrigins: string[];
  /**
   * The coordinators' console (infra/constructs/console-site.ts), served by CloudFront: its
   * origin joins `corsOrigins`, and Cognito's managed login sends people back to it.
   */
  console: {
    /** Cognito's managed login domain: https://<prefix>.auth.<awsRegion>.amazoncognito.com. */
    authDomainPrefix: string;
    /**
     * Where else the console is reached (a custom domain): each gets the callback and
     * logout URLs, beside the CloudFront domain's.
     */
    additionalUrls: string[];
  };
  /** The agreements' signed documents (infra/constructs/document-bucket.ts). */
  documents: {
    /** The largest file, in bytes (at most 100 MB; the domain's default is 25 MB). */
    maxBytes: number;
    /** Days after which files move to a colder storage class. */
    colderAfterDays: number;
    /** Object Lock (governance) retention of an attached file, in days; unset: no lock. */
    retentionDays?: number;
  };
  /**
   * The nudges' action links: the console's address (its page /tindak-lanjut/<token>), how
   * many days a link lives, and the longest pause of reminders an official may ask for.
   */
  actionLinks: { consoleUrl: string; ttlDays: number; maxPauseDays: number };
}

// Reserved example domains (RFC 2606 style) until the real identities are verified in SES.
const ENVIRONMENTS: Record<string, EnvironmentConfig> = {
  dev: {
    envName: 'dev',
    awsRegion: 'ap-southeast-3',
    hostRegionCode: '32.73',
    production: false,
    senderEmail: 'sepakat-dev@bandung.example.go.id',
    // The address only: a production stack in the same account owns the domain identity.
    emailIdentity: 'sepakat-dev@bandung.example.go.id',
    operationsEmail: 'operasional-dev@bandung.example.go.id',
    alarmEmail: 'alarm-dev@bandung.example.go.id',
    // Days, not weeks: a trial in dev sees a reminder and an escalation within a week.
    reminderPolicy: {
      MOU: { firstAfterDays: 2, everyDays: 1, escalateAfter: 2 },
      PKS: { firstAfterDays: 2, everyDays: 1, escalateAfter: 2 },
      HANDOVER: { firstAfterDays: 2, everyDays: 1, escalateAfter: 2 },
    },
    bounceRateAlarmThreshold: 0.05,
    logRetention: RetentionDays.ONE_MONTH,
    corsOrigins: ['https://sepakat-dev.bandung.example.go.id'],
    console: {
      authDomainPrefix: 'sepakat-dev-bandung',
      additionalUrls: ['https://sepakat-dev.bandung.example.go.id'],
    },
    documents: { maxBytes: 25 * 1024 * 1024, colderAfterDays: 30 },
    actionLinks: {
      consoleUrl: 'https://sepakat-dev.bandung.example.go.id',
      ttlDays: 30,
      maxPauseDays: 90,
    },
  },
  prod: {
    envName: 'prod',
    awsRegion: 'ap-southeast-3',
    hostRegionCode: '32.73',
    production: true,
    senderEmail: 'sepakat@bandung.example.go.id',
    operationsEmail: 'operasional@bandung.example.go.id',
    alarmEmail: 'alarm@bandung.example.go.id',
    // The domain's defaults: a first reminder after 30 days, then every 14, escalating at the 4th.
    reminderPolicy: {},
    // Half of the rate at which SES puts an account under review: time to act before it does.
    bounceRateAlarmThreshold: 0.025,
    logRetention: RetentionDays.ONE_YEAR,
    corsOrigins: ['https://sepakat.bandung.example.go.id'],
    console: {
      authDomainPrefix: 'sepakat-bandung',
      additionalUrls: ['https://sepakat.bandung.example.go.id'],
    },
    // Ten years: an agreement's papers outlive its term (the archives' retention schedule).
    documents: { maxBytes: 25 * 1024 * 1024, colderAfterDays: 90, retentionDays: 3650 },
    actionLinks: {
      consoleUrl: 'https://sepakat.bandung.example.go.id',
      ttlDays: 30,
      maxPauseDays: 90,
    },
  },
};

export function environmentConfig(name: string): EnvironmentConfig {
  const config = ENVIRONMENTS[name];
  if (!config) {
    throw new Error(
      `Unknown environment "${name}": use --context env=${Object.keys(ENVIRONMENTS).join(' or env=')}`,
    );
  }
  const policy = reminderPolicySchema.safeParse(config.reminderPolicy);
  if (!policy.success) {
    throw new Error(`Environment ${name}: reminderPolicy is invalid: ${policy.error.message}`);
  }
  if (!(config.bounceRateAlarmThreshold > 0 && config.bounceRateAlarmThreshold < 1)) {
    throw new Error(`Environment ${name}: bounceRateAlarmThreshold must be between 0 and 1`);
  }
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(config.console.authDomainPrefix)) {
    throw new Error(
      `Environment ${name}: console.authDomainPrefix must be lower-case letters, digits and hyphens`,
    );
  }
  if (/aws|amazon|cognito/.test(config.console.authDomainPrefix)) {
    throw new Error(
      `Environment ${name}: console.authDomainPrefix may not contain aws, amazon or cognito`,
    );
  }
  return config;
}

/** The SES identity of the configuration, as SES names it. */
export interface SenderIdentity {
  kind: 'domain' | 'address';
  name: string;
}

/** The identity that verifies the sender; refuses one that does not cover the sender. */
export function senderIdentity(
  config: Pick<EnvironmentConfig, 'senderEmail' | 'emailIdentity'>,
): SenderIdentity {
  const sender = config.senderEmail.trim().toLowerCase();
  const at = sender.lastIndexOf('@');
  const senderDomain = sender.slice(at + 1);
  if (at < 1 || !senderDomain) {
    throw new Error(`senderEmail "${config.senderEmail}" is not an email address`);
  }
  const name = (config.emailIdentity ?? senderDomain).trim().toLowerCase();
  if (name.includes('@')) {
    if (name !== sender) {
      throw new Error(
        `emailIdentity "${name}" is an address other than senderEmail "${sender}": ` +
          'give the sender address or its domain',
      );
    }
    return { kind: 'address', name };
  }
  if (!/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(name)) {
    throw new Error(`emailIdentity "${name}" is neither an email address nor a domain`);
  }
  if (senderDomain !== name && !senderDomain.endsWith(`.${name}`)) {
    throw new Error(
      `emailIdentity "${name}" does not cover senderEmail "${sender}": ` +
        'give the sender address or its domain',
    );
  }
  return { kind: 'domain', name };
}
