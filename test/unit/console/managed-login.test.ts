import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  finishLogin,
  logoutUrl,
  managedLogin,
  startLogin,
} from '../../../functions/shared/auth/managed-login.ts';
import { UnauthorizedError } from '../../../functions/shared/errors.ts';

const login = {
  domain: 'https://pk-sales.auth.eu-central-1.amazoncognito.com',
  clientId: 'client123',
  consoleUrl: 'https://api.example.com',
};

describe('Cognito managed login for the console', () => {
  it('is off unless the domain, client id and console URL are all configured', () => {
    expect(managedLogin({ COGNITO_DOMAIN: login.domain, COGNITO_CLIENT_ID: 'x' })).toBeUndefined();
    expect(
      managedLogin({ COGNITO_DOMAIN: login.domain, COGNITO_CLIENT_ID: 'x', CONSOLE_URL: login.consoleUrl }),
    ).toEqual({ domain: login.domain, clientId: 'x', consoleUrl: login.consoleUrl });
  });

  it('sends the browser to Cognito with an S256 challenge of the verifier it keeps in an HttpOnly cookie', () => {
    const { location, cookie } = startLogin(login);
    const url = new URL(location);
    const [state, verifier] = /^pk_login=([^;]+)/.exec(cookie)![1]!.split('.');
    expect(url.origin + url.pathname).toBe(`${login.domain}/oauth2/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe(
      createHash('sha256').update(verifier!).digest('base64url'),
    );
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('redirect_uri')).toBe('https://api.example.com/console/callback');
    expect(cookie).toMatch(/HttpOnly; Secure; SameSite=Lax/);
  });

  it('refuses a code whose state is not the one this browser started with, before asking Cognito', async () => {
    const { cookie } = startLogin(login);
    const value = /^pk_login=([^;]+)/.exec(cookie)![1]!;
    await expect(
      finishLogin(login, { code: 'c', state: 'someone-elses', cookie: value }),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(finishLogin(login, { code: 'c', state: 'x', cookie: undefined })).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it("logs out of Cognito's session too, coming back to the signed-out page", () => {
    const url = new URL(logoutUrl(login, 'zh-CN'));
    expect(url.pathname).toBe('/logout');
    expect(url.searchParams.get('logout_uri')).toBe(
      'https://api.example.com/console/login?signedOut=1&lang=zh-CN',
    );
  });
});
