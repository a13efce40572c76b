/**
 * Sends one HTTP request. The SDK builds a Web `Request` (with its `signal` carrying the
 * timeout and the caller's abort) and reads the `Response`; retries, errors and JSON are
 * handled above this seam. Replace it to log, trace, or use another HTTP client.
 *
 * @example
 * class LoggingTransport extends Transport {
 *   readonly #inner = new FetchTransport();
 *   async send(request: Request) {
 *     const response = await this.#inner.send(request);
 *     console.log(request.method, request.url, response.status);
 *     return response;
 *   }
 * }
 */
export abstract class Transport {
  abstract send(request: Request): Promise<Response>;
}
