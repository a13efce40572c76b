import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashSeed, seededRandom } from './seeded-random';

/** What the proxy does to the next request. */
export type Fault =
  | { kind: 'pass' }
  /** Forward, let the API finish handling it, then drop the client connection without answering. */
  | { kind: 'drop-after-upstream' }
  /** Answer without reaching the API (a string body is sent as is, anything else as JSON). */
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Forward, then never answer (the client's timeout must fire). */
  | { kind: 'stall-after-upstream' }
  /** Forward, then hold the API's complete response `ms` before sending it (if the client is still there). */
  | { kind: 'delay-after-upstream'; ms: number }
  /** Forward, send the API's status and headers and half the body, then stall. */
  | { kind: 'stall-body' };

/** A request as the proxy saw it, and what the API answered (when it was reached). */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  fault: Fault['kind'];
  /** The name of a random fault (see {@link RandomFaults}), or the kind of a queued one. */
  faultName?: string;
  upstreamStatus?: number;
  /** The API's response headers (lower-cased), when it was reached. */
  upstreamHeaders?: IncomingHttpHeaders;
  /** How long the API took to answer it completely. */
  upstreamMs?: number;
}

/** Faults drawn by a seeded PRNG for the requests that find no queued fault. */
export interface RandomFaults {
  seed: number;
  /** The share of requests that get a fault, 0…1. */
  rate: number;
  /** The faults, equally likely, by name; a function builds the fault for the request at hand. */
  faults: Record<string, Fault | ((request: SeenRequest) => Fault)>;
  /**
   * What a request's draw depends on: requests with the same key get the same fault whatever
   * order concurrent requests arrive in. Without it, one seeded sequence in arrival order.
   */
  key?: (request: SeenRequest) => string;
}

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of a real API: each request takes the
 * next queued fault, else a random one (see {@link FaultProxy.randomFaults}), else passes
 * through. Every request is recorded, and every injected fault counted by name.
 */
export class FaultProxy {
  readonly requests: SeenRequest[] = [];
  /** Faults injected so far, by name. */
  readonly injected: Record<string, number> = {};
  readonly #faults: Fault[] = [];
  readonly #server: Server;
  readonly #upstream: URL;
  readonly #stalled = new Set<ServerResponse>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #random: { plan: RandomFaults; next: () => number } | undefined;

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

  /**
   * From now on, a request with no queued fault gets one of `plan.faults` with probability
   * `plan.rate`, drawn from a PRNG seeded with `plan.seed` (so a run can be replayed).
   *
   * @example
   * proxy.randomFaults({ seed: 42, rate: 0.2, faults: { drop: { kind: 'drop-after-upstream' } } });
   */
  randomFaults(plan: RandomFaults): this {
    this.#random = { plan, next: seededRandom(plan.seed) };
    return this;
  }

  /** Forgets queued and random faults, recorded requests and counts. */
  reset(): void {
    this.#faults.length = 0;
    this.requests.length = 0;
    this.#random = undefined;
    for (const name of Object.keys(this.injected)) delete this.injected[name];
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    for (const res of this.#stalled) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.#serve(req, res);
    } catch {
      if (!res.headersSent && !res.destroyed) res.writeHead(502).end();
      else res.destroy();
    }
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const seen: SeenRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, fault: 'pass' };
    const { fault, name } = this.#faultFor(seen);
    seen.fault = fault.kind;
    if (fault.kind !== 'pass') {
      seen.faultName = name;
      this.injected[name] = (this.injected[name] ?? 0) + 1;
    }
    this.requests.push(seen);
    if (fault.kind === 'respond') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? {}));
      return;
    }
    const started = performance.now();
    const upstream = await this.#forward(req, body);
    seen.upstreamMs = Math.round(performance.now() - started);
    seen.upstreamStatus = upstream.status;
    seen.upstreamHeaders = upstream.headers;
    if (fault.kind === 'drop-after-upstream') return void res.socket?.destroy();
    if (fault.kind === 'stall-after-upstream') return void this.#stalled.add(res);
    if (fault.kind === 'delay-after-upstream') return this.#later(fault.ms, () => send(res, upstream));
    if (fault.kind === 'stall-body') {
      res.writeHead(upstream.status, upstream.headers);
      res.write(upstream.body.slice(0, Math.floor(upstream.body.length / 2)));
      this.#stalled.add(res);
      return;
    }
    send(res, upstream);
  }

  #faultFor(seen: SeenRequest): { fault: Fault; name: string } {
    const queued = this.#faults.shift();
    if (queued) return { fault: queued, name: queued.kind };
    if (!this.#random) return { fault: { kind: 'pass' }, name: 'pass' };
    const { plan, next } = this.#random;
    const draw = plan.key ? seededRandom(hashSeed(plan.seed, plan.key(seen))) : next;
    const names = Object.keys(plan.faults);
    if (draw() >= plan.rate || names.length === 0) return { fault: { kind: 'pass' }, name: 'pass' };
    const name = names[Math.floor(draw() * names.length)]!;
    const fault = plan.faults[name]!;
    return { fault: typeof fault === 'function' ? fault(seen) : fault, name };
  }

  #later(ms: number, run: () => void): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        run();
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }

  #forward(req: IncomingMessage, body: string): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        { host: this.#upstream.hostname, port: this.#upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: this.#upstream.host } },
        (response) => {
          const headers = { ...response.headers };
          delete headers['transfer-encoding'];
          delete headers.connection;
          readAll(response).then((text) => {
            headers['content-length'] = String(Buffer.byteLength(text));
            resolve({ status: response.statusCode ?? 502, headers, body: text });
          }, reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends the API's response, unless the client has gone meanwhile. */
function send(res: ServerResponse, upstream: Upstream): void {
  if (res.destroyed || res.socket?.destroyed) return;
  res.writeHead(upstream.status, upstream.headers);
  res.end(upstream.body);
}

async function readAll(stream: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
