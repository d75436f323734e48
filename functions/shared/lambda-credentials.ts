// Bundled in place of @aws-sdk/credential-provider-node (the alias in FUNCTION_BUNDLING,
// infra/constructs/sepakat-function.ts). On Lambda the role's credentials are always in the
// environment, so the default chain's other providers (SSO, STS, INI files, process, IMDS,
// containers: about 120 KB of every bundle) would only lengthen the cold start. Local mode and
// the tests run unbundled, with the full chain.
import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { defaultProvider as nodeDefaultProvider } from '@aws-sdk/credential-provider-node';

export const defaultProvider: typeof nodeDefaultProvider = (init) => fromEnv(init);
