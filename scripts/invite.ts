// npm run invite -- --email x@y.example.go.id --role partner --region 61.12 --user-pool-id id:
// see cli/invite.ts.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { runInvite } from '../cli/invite.ts';

process.exitCode = await runInvite(
  process.argv.slice(2),
  (region) => new CognitoIdentityProviderClient({ region }),
);
