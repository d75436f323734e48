import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  type IUserPool,
  type IUserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Role } from '../../domain/access.ts';
import { GROUPS, REGION_CLAIM } from '../../functions/api/principal.ts';
import { constructId } from './sepakat-function.ts';

/** The custom attribute behind the `custom:region` claim (functions/api/principal.ts). */
export const REGION_ATTRIBUTE = REGION_CLAIM.replace(/^custom:/, '');

const GROUP_DESCRIPTIONS: Record<Role, string> = {
  HOST_COORDINATOR: 'Coordinators of the host region: see and manage every agreement',
  PARTNER_COORDINATOR:
    'Coordinators of a partner region (custom:region): see and act on its agreements only',
};

export interface CoordinatorIdentityProps {
  /** Prefix of the physical names, e.g. `sepakat-dev`. */
  readonly namePrefix: string;
  /** Retain the user pool and protect it from deletion. */
  readonly production: boolean;
  /** The console's sign-in: Cognito's managed login on this domain, back to these URLs. */
  readonly console: {
    /** https://<prefix>.auth.<region>.amazoncognito.com */
    readonly domainPrefix: string;
    readonly callbackUrls: string[];
    readonly logoutUrls: string[];
  };
}

/**
 * The coordinators' accounts: a Cognito user pool that only administrators add people to,
 * email sign-in with a TOTP second factor, the region a partner coordinator speaks for as the
 * `custom:region` attribute, and one group per role. The API's authorizer accepts the ID tokens
 * of the web page's app client: they carry `cognito:groups` and `custom:region`, which access
 * tokens do not.
 */
export class CoordinatorIdentity extends Construct {
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  /** The console's client (authorization code with PKCE) and its managed login domain. */
  readonly consoleClient: IUserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: CoordinatorIdentityProps) {
    super(scope, id);
    const userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${props.namePrefix}-coordinators`,
      // Coordinators are invited by the host region's administrators, never sign themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: false },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed address takes effect once verified, so an account cannot be moved to an
      // address its owner does not control.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // A Kemendagri code (`32`, `32.73`; the API checks the form). The bounds can never be
        // changed, so they leave room for codes down to a village (`32.73.01.2001`). Mutable
        // for administrators; the app client below may not write it, so a coordinator cannot
        // change their own region.
        [REGION_ATTRIBUTE]: new StringAttribute({ minLen: 2, maxLen: 13, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // An authenticator app; no SMS (cost, SIM swapping) and no email codes (the mailbox is
      // also the recovery channel).
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised credentials, risky sign-ins) needs the Plus plan: billed
      // per monthly active user, a few dollars a month for the coordinators of the regions.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    for (const [role, groupName] of Object.entries(GROUPS) as [Role, string][]) {
      userPool.addGroup(constructId(groupName), {
        groupName,
        description: GROUP_DESCRIPTIONS[role],
      });
    }

    // What both public clients (no secret in a browser or a CLI) share: tokens, attributes.
    const publicClient = {
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes(REGION_ATTRIBUTE),
      // Email only: Cognito requires the required attributes to be writable by a client.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    };

    // Scripts and the CLI: SRP sign-in, so the password never leaves the caller. No OAuth.
    this.userPoolClient = userPool.addClient('WebClient', {
      ...publicClient,
      userPoolClientName: `${props.namePrefix}-web`,
      authFlows: { userSrp: true },
      disableOAuth: true,
    });
    this.userPool = userPool;

    // The console: Cognito's managed login (MFA as the pool requires), authorization code
    // with PKCE for a public client (no secret in a browser), ID tokens for the API.
    this.domain = userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.console.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.consoleClient = userPool.addClient('ConsoleClient', {
      ...publicClient,
      userPoolClientName: `${props.namePrefix}-console`,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.console.callbackUrls,
        logoutUrls: props.console.logoutUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    });
    // The managed login pages need a style: Cognito's own.
    new CfnManagedLoginBranding(this, 'ConsoleLoginBranding', {
      userPoolId: userPool.userPoolId,
      clientId: this.consoleClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }

  /** The managed login's base URL: https://<prefix>.auth.<region>.amazoncognito.com */
  get domainUrl(): string {
    return this.domain.baseUrl();
  }
}
