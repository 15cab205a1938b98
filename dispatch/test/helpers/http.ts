/**
 * A JSON request to dispatch's own listener as the holder of `token`, or anonymously. As a tool: with
 * `Authorization: Bearer` (dispatch's own port takes the session cookie only through a console node).
 */
export async function api(baseUrl: string, method: 'GET' | 'POST', path: string, o: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (o.token) headers['authorization'] = `Bearer ${o.token}`;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
