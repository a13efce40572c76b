/** One logical API call, before headers, retries and timeouts are added. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below the API URL, e.g. `/v1/customers`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

/** The URL of `request` below `apiUrl`, with its defined query parameters. */
export function requestUrl(apiUrl: string, request: ApiRequest): string {
  const url = new URL(apiUrl + request.path);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.href;
}
