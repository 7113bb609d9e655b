import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { requiredEnv } from '../../shared/config.ts';

const cache = new Map<string, Promise<string>>();
let client: SecretsManagerClient | undefined;

/**
 * A secret by name: the value from `<NAME>` where it is given directly (the local runtime), or
 * fetched once from Secrets Manager by the ARN in `<NAME>_ARN` (the cloud) and kept for the
 * lifetime of the function instance.
 */
export function secret(name: string): Promise<string> {
  const direct = process.env[name];
  if (direct) return Promise.resolve(direct);
  let value = cache.get(name);
  if (!value) {
    client ??= new SecretsManagerClient({});
    value = client
      .send(new GetSecretValueCommand({ SecretId: requiredEnv(`${name}_ARN`) }))
      .then((result) => {
        if (!result.SecretString) throw new Error(`Secret ${name} has no string value`);
        return result.SecretString;
      });
    value.catch(() => cache.delete(name));
    cache.set(name, value);
  }
  return value;
}
