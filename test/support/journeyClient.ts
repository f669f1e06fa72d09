import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TimelineBody {
  events: {
    id: string;
    type: string;
    event: string | null;
    channel: string;
    data: Record<string, unknown>;
  }[];
}

export interface ClientKeys {
  readonly write: string;
  readonly read: string;
}

let keys: ClientKeys | undefined;

/** The keys the helpers below send; set once per suite. */
export function useKeys(next: ClientKeys): void {
  keys = next;
}

/** The keys an embedded platform created at first start in its data dir. */
export function bootstrapKeys(dataDir: string): ClientKeys {
  const content = JSON.parse(readFileSync(join(dataDir, 'bootstrap-keys.json'), 'utf8')) as Record<
    string,
    { token: string }
  >;
  return { write: content.write!.token, read: content.read!.token };
}

/** Creates a project with the root token and returns its write and read keys. */
export async function createProject(
  baseUrl: string,
  rootToken: string,
  projectId: string,
): Promise<ClientKeys> {
  const response = await fetch(`${baseUrl}/v1/projects`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${rootToken}` },
    body: JSON.stringify({ projectId }),
  });
  if (response.status !== 201)
    throw new Error(`create project ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { keys: { kind: string; token: string }[] };
  const token = (kind: string) => body.keys.find((k) => k.kind === kind)!.token;
  return { write: token('write'), read: token('read') };
}

const bearer = (kind: keyof ClientKeys) => {
  if (!keys) throw new Error('journeyClient: call useKeys() first');
  return { authorization: `Bearer ${keys[kind]}` };
};

export async function postTouchpoint(baseUrl: string, body: unknown) {
  const response = await fetch(`${baseUrl}/v1/touchpoints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer('write') },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function getTimeline(
  baseUrl: string,
  customerId: string,
  limit = 100,
): Promise<TimelineBody> {
  const response = await fetch(
    `${baseUrl}/v1/customers/${encodeURIComponent(customerId)}/timeline?limit=${limit}`,
    {
      headers: bearer('read'),
    },
  );
  if (!response.ok) throw new Error(`timeline ${response.status}: ${await response.text()}`);
  return (await response.json()) as TimelineBody;
}
