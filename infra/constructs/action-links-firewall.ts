// Production's web ACL on the API stage: a rate rule per client address on the public routes
// behind the nudges' action links (/actions/{token}), on top of API Gateway's throttling. It
// costs a monthly fee for the ACL and its rule, worth it where the routes are public.
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Requests to the action routes per client address in five minutes, before WAF blocks it. */
export const ACTION_LINKS_RATE_LIMIT = 100;

export interface ActionLinksFirewallProps {
  readonly stage: Stage;
  /** The stage's name as a plain string (the stage's own is a token in the template). */
  readonly stageName: string;
  readonly namePrefix: string;
}

export class ActionLinksFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ActionLinksFirewallProps) {
    super(scope, id);
    // No sampled requests: their URIs would hold action links' tokens.
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: false,
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${props.namePrefix}-api`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${props.namePrefix}-api`),
      rules: [
        {
          name: 'action-links-rate',
          priority: 0,
          action: { block: {} },
          visibilityConfig: visibility(`${props.namePrefix}-action-links-rate`),
          statement: {
            rateBasedStatement: {
              limit: ACTION_LINKS_RATE_LIMIT,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  // A regional REST API's URI path starts with its stage.
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: `/${props.stageName}/actions/`,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
        },
      ],
    });
    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
