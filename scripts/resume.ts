// npm run resume -- <agreement-id>... | --all-open --state-machine-arn arn --table-name name:
// see cli/resume.ts.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { runResume } from '../cli/resume.ts';

process.exitCode = await runResume(process.argv.slice(2), (region) => ({
  sfn: new SFNClient({ region }),
  dynamoDb: new DynamoDBClient({ region }),
}));
