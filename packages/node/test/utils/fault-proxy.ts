import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to the next request. */
export type Fault =
  | { kind: 'pass' }
  /** Forward, let the API finish handling it, then drop the client connection without answering. */
  | { kind: 'drop-after-upstream' }
  /** Answer without reaching the API (a string body is sent as is, anything else as JSON). */
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Forward, then never answer (the client's timeout must fire). */
  | { kind: 'stall-after-upstream' }
  /** Forward, send the API's status and headers and half the body, then stall. */
  | { kind: 'stall-body' };

/** A request as the proxy saw it, and what the API answered (when it was reached). */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  fault: Fault['kind'];
  upstreamStatus?: number;
}

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of a real API: each request takes the
 * next queued fault (or passes through), and every request is recorded.
 */
export class FaultProxy {
  readonly requests: SeenRequest[] = [];
  readonly #faults: Fault[] = [];
  readonly #server: Server;
  readonly #upstream: URL;
  readonly #stalled = new Set<ServerResponse>();

  private constructor(upstream: string) {
    this.#upstream = new URL(upstream);
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  static async start(upstream: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(upstream);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Queues faults for the next requests, in order. */
  inject(...faults: Fault[]): this {
    this.#faults.push(...faults);
    return this;
  }

  /** Forgets queued faults and recorded requests. */
  reset(): void {
    this.#faults.length = 0;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const res of this.#stalled) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fault = this.#faults.shift() ?? { kind: 'pass' };
    const body = await readAll(req);
    const seen: SeenRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, fault: fault.kind };
    this.requests.push(seen);
    if (fault.kind === 'respond') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? {}));
      return;
    }
    const upstream = await this.#forward(req, body);
    seen.upstreamStatus = upstream.status;
    if (fault.kind === 'drop-after-upstream') return void res.socket?.destroy();
    if (fault.kind === 'stall-after-upstream') return void this.#stalled.add(res);
    res.writeHead(upstream.status, upstream.headers);
    if (fault.kind === 'stall-body') {
      res.write(upstream.body.slice(0, Math.floor(upstream.body.length / 2)));
      this.#stalled.add(res);
      return;
    }
    res.end(upstream.body);
  }

  #forward(req: IncomingMessage, body: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        { host: this.#upstream.hostname, port: this.#upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: this.#upstream.host } },
        async (response) => {
          const headers = { ...response.headers };
          delete headers['transfer-encoding'];
          delete headers.connection;
          const text = await readAll(response);
          headers['content-length'] = String(Buffer.byteLength(text));
          resolve({ status: response.statusCode ?? 502, headers, body: text });
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}

async function readAll(stream: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
