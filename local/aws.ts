// What every AWS SDK client of local mode and the tests uses: a loopback endpoint, a fixed
// region and placeholder credentials, so nothing reads ~/.aws or looks for instance metadata.
export const LOCAL_REGION = 'ap-southeast-3';

export function localClientConfig(endpoint: string) {
  return {
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}
