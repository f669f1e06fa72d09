export interface TimelineBody {
  events: { id: string; type: string; channel: string; data: Record<string, unknown> }[];
}

export async function postTouchpoint(baseUrl: string, body: unknown, project?: string) {
  const response = await fetch(`${baseUrl}/v1/touchpoints`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(project ? { 'x-project-id': project } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function getTimeline(
  baseUrl: string,
  customerId: string,
  project?: string,
  limit = 100,
): Promise<TimelineBody> {
  const response = await fetch(
    `${baseUrl}/v1/customers/${encodeURIComponent(customerId)}/timeline?limit=${limit}`,
    {
      headers: project ? { 'x-project-id': project } : {},
    },
  );
  if (!response.ok) throw new Error(`timeline ${response.status}: ${await response.text()}`);
  return (await response.json()) as TimelineBody;
}
