/** A response read once: status, headers and parsed JSON body. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  key?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One HTTP call against a running server, the way any client would make it. */
export async function call<T = any>(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Binds `call` to a base URL. */
export function client(baseUrl: string) {
  return <T = any>(method: string, path: string, options?: CallOptions) => call<T>(baseUrl, method, path, options);
}

/** Asserts the error envelope and returns it. */
export function expectError(response: ApiResponse, status: number, type: string, code?: string) {
  expect({ status: response.status, type: response.body?.error?.type, ...(code ? { code: response.body?.error?.code } : {}) }).toEqual({
    status,
    type,
    ...(code ? { code } : {}),
  });
  expect(response.body.error.requestId).toBe(response.headers.get('request-id'));
  expect(typeof response.body.error.message).toBe('string');
  return response.body.error as { type: string; code: string; message: string; param?: string; requestId: string };
}
