import { App, Validations, type AppProps } from 'aws-cdk-lib';
import nag from 'cdk-nag';
import { environmentConfig } from './config.ts';
import { SepakatStack } from './sepakat-stack.ts';

export interface SepakatApp {
  app: App;
  stack: SepakatStack;
  /** The AWS Solutions checks run on every synth; tests ask them directly. */
  checks: nag.AwsSolutionsChecks;
}

/** The CDK app for the environment named by the `env` context value (default dev). */
export function createSepakatApp(props: AppProps = {}): SepakatApp {
  const app = new App(props);
  const config = environmentConfig(String(app.node.tryGetContext('env') ?? 'dev'));
  const stack = new SepakatStack(app, `Sepakat-${config.envName}`, {
    config,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.awsRegion },
    description: `Sepakat (${config.envName}): workflow for inter-regional smart-city cooperation agreements`,
  });
  // A finding that is not acknowledged with a reason
  // (Validations.of(construct).acknowledge({ id, reason })) fails the synth.
  const checks = new nag.AwsSolutionsChecks(app, { verbose: true });
  Validations.of(app).addPlugins(checks);
  return { app, stack, checks };
}
