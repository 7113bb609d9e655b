/**
 * IAM on one machine. In the cloud each function signs its AWS calls with its own role, and IAM
 * refuses what the role does not allow. Locally each function signs with its own access key id (its
 * registry name, see lambda-invoker.ts), and a small proxy in front of every local AWS endpoint
 * (DynamoDB Local, Step Functions, SES, SMS) reads that key id from the SigV4 `Authorization`
 * header, works out the IAM action (and for DynamoDB the table) the request needs, and refuses it
 * the way AWS does when the function's `access` does not grant it (infra/access-policy.ts).
 *
 * Signatures are not verified (the local secret key is not a secret), and a key id that names no
 * function (the runtime itself, tests and scripts using `local`) is treated as an administrator.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { FunctionDefinition } from '../../functions/handlers/registry.ts';
import { allows } from '../access-policy.ts';
import { LOCAL_CREDENTIALS } from './dynamodb-local.ts';

export type LocalService = 'dynamodb' | 'states' | 'ses' | 'sms-voice';

/** What a request asks for: each IAM action it needs, with the resource it names where we check one. */
export interface RequiredPermission {
  readonly action: string;
  /** The table or state machine; undefined where the local endpoint has only one of them. */
  readonly resource?: string;
}

const LOCAL_ACCOUNT = '000000000000';

/** The access key id of a SigV4-signed request (`Credential=<key id>/<date>/<region>/<service>/...`). */
export const accessKeyIdOf = (authorization: string | undefined): string | undefined =>
  /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1];

const TRANSACT_WRITE_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/**
 * DynamoDB's JSON protocol: `X-Amz-Target: DynamoDB_20120810.<Operation>`. Transactions are
 * authorised per contained action and batches per table, as IAM does.
 */
function dynamoDbPermissions(target: string, body: Record<string, unknown>): RequiredPermission[] {
  const operation = target.replace(/^DynamoDB_\d+\./, '');
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const items = (body.TransactItems ?? []) as Record<string, { TableName?: string }>[];
    return items.flatMap((item) =>
      Object.entries(item).map(([kind, request]) => ({
        action:
          operation === 'TransactGetItems' ? 'dynamodb:GetItem' : (TRANSACT_WRITE_ACTIONS[kind] ?? kind),
        ...(request.TableName ? { resource: request.TableName } : {}),
      })),
    );
  }
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem')
    return Object.keys((body.RequestItems ?? {}) as object).map((table) => ({
      action: `dynamodb:${operation}`,
      resource: table,
    }));
  const table = typeof body.TableName === 'string' ? body.TableName : undefined;
  return [{ action: `dynamodb:${operation}`, ...(table ? { resource: table } : {}) }];
}

/** What a request to a local endpoint needs; empty for the endpoints' own pages (stores, web views). */
export function requiredPermissions(
  service: LocalService,
  headers: http.IncomingHttpHeaders,
  rawBody: string,
): RequiredPermission[] {
  const target = String(headers['x-amz-target'] ?? '');
  const json = (): Record<string, unknown> => {
    try {
      return JSON.parse(rawBody || '{}') as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  switch (service) {
    case 'dynamodb':
      return target ? dynamoDbPermissions(target, json()) : [];
    case 'states': {
      if (!target) return [];
      const operation = target.replace(/^AWSStepFunctions\./, '');
      const machine = json().stateMachineArn;
      return [
        { action: `states:${operation}`, ...(typeof machine === 'string' ? { resource: machine } : {}) },
      ];
    }
    case 'sms-voice':
      return target ? [{ action: `sms-voice:${target.replace(/^PinpointSMSVoiceV2\./, '')}` }] : [];
    case 'ses': {
      // SES v1 is a query protocol: the action is a form field of the body.
      const action = new URLSearchParams(rawBody).get('Action');
      return action ? [{ action: `ses:${action}` }] : [];
    }
  }
}

export interface LocalPolicy {
  readonly functions: Readonly<Record<string, FunctionDefinition>>;
  readonly region: string;
  /** The one table and state machine functions may name; any other is refused like a missing grant. */
  readonly tableName: string;
  readonly stateMachineArn: string;
}

/** Why IAM would refuse `keyId` the permission, in AWS's words; undefined when it is allowed. */
export function refusal(policy: LocalPolicy, keyId: string | undefined, needed: RequiredPermission[]) {
  const definition = keyId ? policy.functions[keyId] : undefined;
  if (!definition) return undefined;
  for (const { action, resource } of needed) {
    const arn =
      action.startsWith('dynamodb:') && resource
        ? `arn:aws:dynamodb:${policy.region}:${LOCAL_ACCOUNT}:table/${resource}`
        : (resource ?? '*');
    const ownResource =
      resource === undefined ||
      (action.startsWith('dynamodb:') ? resource === policy.tableName : resource === policy.stateMachineArn);
    if (!allows(definition, action) || !ownResource)
      return (
        `User: arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/promise-keeper-${keyId}/promise-keeper-${keyId} ` +
        `is not authorized to perform: ${action} on resource: ${arn} because no identity-based policy ` +
        `allows the ${action} action (functions/handlers/registry.ts gives ${keyId} ` +
        `[${definition.access.join(', ')}])`
      );
  }
  return undefined;
}

/** The refusal as each protocol's client expects it, so the SDK raises AccessDenied(Exception). */
function denialResponse(service: LocalService, message: string) {
  if (service === 'ses')
    return {
      status: 403,
      type: 'text/xml',
      body:
        `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type>` +
        `<Code>AccessDenied</Code><Message>${message.replace(/[<>&]/g, '')}</Message></Error>` +
        `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    };
  return {
    status: 400,
    type: 'application/x-amz-json-1.0',
    body: JSON.stringify({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      message,
      Message: message,
    }),
  };
}

export interface AuthorizingProxy {
  readonly url: string;
  /** Requests refused so far, by function and action (for tests and the console). */
  readonly refused: { readonly functionName: string; readonly action: string }[];
  close(): Promise<void>;
}

/**
 * Forwards every request to `upstream()` (read per request, so a restarted DynamoDB Local on a new
 * port is picked up) unless the calling function may not make it. When the upstream is down the
 * client's connection is dropped, as it was before the proxy existed, so the SDK's retries and
 * errors stay the same.
 */
export async function startAuthorizingProxy(options: {
  service: LocalService;
  upstream: () => string;
  policy: LocalPolicy;
  onRefused?: (functionName: string, action: string) => void;
}): Promise<AuthorizingProxy> {
  const agent = new http.Agent({ keepAlive: true });
  const refused: { functionName: string; action: string }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const keyId = accessKeyIdOf(request.headers.authorization);
      const needed = requiredPermissions(options.service, request.headers, body.toString('utf8'));
      const denied = refusal(options.policy, keyId, needed);
      if (denied) {
        const action =
          needed.find((permission) => refusal(options.policy, keyId, [permission]))?.action ?? '';
        refused.push({ functionName: keyId!, action });
        options.onRefused?.(keyId!, action);
        const { status, type, body: payload } = denialResponse(options.service, denied);
        response.writeHead(status, { 'content-type': type, 'x-amzn-requestid': randomUUID() });
        return response.end(payload);
      }
      const target = new URL(request.url ?? '/', options.upstream());
      const headers = { ...request.headers };
      // DynamoDB Local keeps one database per access key id (without -sharedDb): every caller must
      // reach the runtime's own. It does not check signatures, so only the key id is rewritten.
      if (options.service === 'dynamodb' && headers.authorization)
        headers.authorization = headers.authorization.replace(
          /Credential=[^/,\s]+\//,
          `Credential=${LOCAL_CREDENTIALS.accessKeyId}/`,
        );
      const forward = (retry: boolean) => {
        const forwarded = http.request(target, { method: request.method, headers, agent }, (upstream) => {
          response.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(response);
        });
        forwarded.on('error', () => {
          // A kept-alive connection the upstream closed meanwhile: the request never arrived, so
          // sending it once more on a new connection cannot act twice.
          if (retry && forwarded.reusedSocket) return forward(false);
          request.socket.destroy();
        });
        forwarded.end(body);
      };
      forward(true);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Environment variable of each service's endpoint override (functions/shared/config.ts). */
const ENDPOINT_VARIABLES: Record<LocalService, string> = {
  dynamodb: 'DYNAMODB_ENDPOINT',
  states: 'SFN_ENDPOINT',
  ses: 'SES_ENDPOINT',
  'sms-voice': 'SMS_ENDPOINT',
};

/**
 * One authorizing proxy per local AWS endpoint. Functions get the proxies' URLs as their endpoint
 * overrides; the runtime, tests and tools keep talking to the services directly.
 */
export async function guardEndpoints(
  upstreams: Record<LocalService, () => string>,
  policy: LocalPolicy,
  onRefused: (functionName: string, action: string) => void,
) {
  const proxies = await Promise.all(
    (Object.keys(upstreams) as LocalService[]).map(async (service) => ({
      service,
      proxy: await startAuthorizingProxy({ service, upstream: upstreams[service], policy, onRefused }),
    })),
  );
  return {
    variables: Object.fromEntries(
      proxies.map(({ service, proxy }) => [ENDPOINT_VARIABLES[service], proxy.url]),
    ),
    refused: () => proxies.flatMap(({ proxy }) => proxy.refused),
    close: async () => void (await Promise.all(proxies.map(({ proxy }) => proxy.close()))),
  };
}
