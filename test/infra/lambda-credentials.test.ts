import { afterEach, describe, expect, it, vi } from 'vitest';
import { MissingLambdaCredentialsError, defaultProvider } from '../../infra/constructs/lambda-credentials.ts';

describe('the Lambda credential provider bundled in place of the SDK chain', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("returns the function role's credentials from the environment, session token included", async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'token');

    const credentials = await defaultProvider({})();

    expect(credentials).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    });
  });

  it('fails with a named error outside Lambda, where no credentials are in the environment', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');

    await expect(defaultProvider()()).rejects.toBeInstanceOf(MissingLambdaCredentialsError);
  });
});
