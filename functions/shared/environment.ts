/** A function's configuration: its Lambda environment, or what local mode gives it. */
export type FunctionEnvironment = Record<string, string | undefined>;

export function required(env: FunctionEnvironment, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}

/** What local mode and tests may replace: the clock (scaled time) and the AWS clients. */
export interface TaskOptions {
  now?: () => Date;
  dynamoDb?: import('@aws-sdk/client-dynamodb').DynamoDBClient;
  ses?: import('@aws-sdk/client-sesv2').SESv2Client;
  sfn?: import('@aws-sdk/client-sfn').SFNClient;
  /** The documents' bucket (only the document routes build an S3 client). */
  s3?: import('@aws-sdk/client-s3').S3Client;
  /** Where the send task learns whether a nudge went out; default: SES's send events. */
  sentMessages?: import('../../domain/ports.ts').SentMessages;
}

/** The API's handlers may also be given the ids of new agreements. */
export interface ApiOptions extends TaskOptions {
  newId?: () => string;
}
