// The on-demand prices the cost model uses, each with where it was read. Jakarta's
// (ap-southeast-3, where the stack deploys) were on none of the stored pages, so these are
// us-east-1's. The pages were read from stored copies, which do not say when they were taken.
export const PRICE_REGION = 'us-east-1 (US East, N. Virginia)';
export const PRICES_READ_ON = '2026-11-22';

export interface Price {
  /** US dollars per `unit`. */
  usd: number;
  unit: string;
  source: string;
  /** Whether the figure was read on an AWS page; otherwise a third party's transcription. */
  onAwsPage: boolean;
  note: string;
}

export const PRICES = {
  stateTransition: {
    usd: 0.025 / 1000,
    unit: 'state transition (Standard)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    onAwsPage: true,
    note: '"$0.025 per 1,000 state transitions"; US East (N. Virginia) $0.0250 in its region table, which has no Jakarta row.',
  },
  lambdaRequest: {
    usd: 0.2 / 1e6,
    unit: 'Lambda request',
    source: 'https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html',
    onAwsPage: true,
    note: '"$0.20 per 1 million requests" (the whitepaper names no region).',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    unit: 'GB-second (Arm, first tier)',
    source: 'https://cloudchipr.com/blog/aws-lambda-pricing',
    onAwsPage: false,
    note: 'The stored aws.amazon.com/lambda/pricing/ page renders its tables in the browser (no figures in its text); this third-party page gives the US East Arm rate. The AWS whitepaper above gives only the x86 rate ($0.00001667).',
  },
  dynamoWriteUnit: {
    usd: 0.625 / 1e6,
    unit: 'write request unit (on-demand)',
    source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
    onAwsPage: false,
    note: 'The stored aws.amazon.com/dynamodb/pricing/on-demand/ page defines the units but shows no figures; this third-party page gives US East $0.625 per million. Another (infratally.com) still quotes $0.25 per million reads, i.e. twice the read price below.',
  },
  dynamoReadUnit: {
    usd: 0.125 / 1e6,
    unit: 'read request unit (on-demand)',
    source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
    onAwsPage: false,
    note: 'As for writes: US East $0.125 per million, third-party.',
  },
  sesRecipient: {
    usd: 0.1 / 1000,
    unit: 'email recipient (SES, à la carte)',
    source:
      'https://github.com/api-evangelist/amazon-ses/blob/main/plans/amazon-ses-plans-pricing.yml',
    onAwsPage: false,
    note: "A transcription of AWS's Price List API for SES in us-east-1 (publication 2026-07-22): $0.0001 per outbound recipient. It adds that accounts new to SES since 2026-07-21 start on the Essentials plan at $0.00016 per email.",
  },
  sesAttachmentGb: {
    usd: 0.12,
    unit: 'GB of attachments (SES)',
    source:
      'https://github.com/api-evangelist/amazon-ses/blob/main/plans/amazon-ses-plans-pricing.yml',
    onAwsPage: false,
    note: 'Same transcription: $0.12 per GB of attachments.',
  },
  apiGatewayRequest: {
    usd: 3.5 / 1e6,
    unit: 'REST API request (API Gateway)',
    source:
      'https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html',
    onAwsPage: true,
    note: 'An AWS whitepaper\'s table: REST "First 333 million requests (per month): $3.50 (per million)".',
  },
} satisfies Record<string, Price>;
