import type { API_ERROR_TYPES } from './api-error.schemas';

/** The `type` of every error envelope; the SDKs map each to their own error class. */
export type ApiErrorType = (typeof API_ERROR_TYPES)[number];

export interface ApiErrorInit {
  status: number;
  type: ApiErrorType;
  code: string;
  message: string;
  param?: string;
  headers?: Record<string, string>;
}

/** An error the API answers with `{ error: { type, code, message, param?, requestId } }`. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly type: ApiErrorType;
  readonly code: string;
  readonly param: string | undefined;
  readonly headers: Record<string, string>;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.type = init.type;
    this.code = init.code;
    this.param = init.param;
    this.headers = init.headers ?? {};
  }

  /** The JSON body, with the request id of the response that carries it. */
  toBody(requestId: string): { error: Record<string, string> } {
    const error: Record<string, string> = { type: this.type, code: this.code, message: this.message };
    if (this.param !== undefined) error.param = this.param;
    error.requestId = requestId;
    return { error };
  }
}
