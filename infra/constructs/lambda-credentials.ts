/**
 * Replaces `@aws-sdk/credential-provider-node` in Lambda bundles (see bundling.ts). In Lambda the
 * SDK's default chain always ends at its first link, the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN of the function's role); the other links (SSO, INI
 * files, web identity, container and instance metadata) are dead code that adds about 115 KB of
 * nested STS/SSO clients to every bundle. Locally nothing is replaced: the SDK's own chain runs.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export class MissingLambdaCredentialsError extends Error {
  override readonly name = 'MissingLambdaCredentialsError';
}

/** Same name and shape as the SDK's export, so clients' runtime config picks it up unchanged. */
export function defaultProvider(_init?: unknown): AwsCredentialIdentityProvider {
  return async (): Promise<AwsCredentialIdentity> => {
    const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey)
      throw new MissingLambdaCredentialsError(
        'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set; this bundle only runs in Lambda',
      );
    const sessionToken = process.env.AWS_SESSION_TOKEN;
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  };
}
