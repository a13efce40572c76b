/** Why a webhook URL is not accepted (at creation: a 400 on `url`; at delivery: the attempt's error). */
export class WebhookUrlRefusal extends Error {
  override name = 'WebhookUrlRefusal';
  readonly code: 'url_invalid' | 'url_https_required' | 'url_forbidden_address' | 'url_unresolvable';

  constructor(code: WebhookUrlRefusal['code'], message: string) {
    super(message);
    this.code = code;
  }
}
