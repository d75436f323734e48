// Per-environment settings, chosen with `--context env=<name>` (default: dev).
export interface EnvironmentConfig {
  envName: string;
  /** AWS region to deploy to: Jakarta keeps the regions' data in Indonesia. */
  awsRegion: string;
  /** Kemendagri code of the region that offers its applications (Kota Bandung). */
  hostRegionCode: string;
  /** Production keeps its data: RETAIN on delete and deletion protection. */
  production: boolean;
}

const ENVIRONMENTS: Record<string, EnvironmentConfig> = {
  dev: { envName: 'dev', awsRegion: 'ap-southeast-3', hostRegionCode: '32.73', production: false },
  prod: { envName: 'prod', awsRegion: 'ap-southeast-3', hostRegionCode: '32.73', production: true },
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
