import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import { idSegment } from './id-segment';
import type { RequestOptions } from '../http/request-options';
import type { Page } from './list-promise';
import type { DeletedPaymentMethod, PaymentMethod, PaymentMethodAttachParams } from './payment-method';

/** A customer's cards: list them, save one your provider holds, choose the default, remove one. */
@injectable()
export class PaymentMethods {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /** The customer's methods, the default first. @example const { data } = await billing.paymentMethods.list('cus_123'); */
  async list(customerId: string, options?: RequestOptions): Promise<Page<PaymentMethod>> {
    return this.#http.request({ method: 'GET', path: `${customerPath(customerId, 'list')}/payment-methods` }, options);
  }

  /** @example await billing.paymentMethods.attach('cus_123', { paymentMethodId: 'pm_card_visa' }); */
  async attach(customerId: string, params: PaymentMethodAttachParams, options?: RequestOptions): Promise<PaymentMethod> {
    return this.#http.request({ method: 'POST', path: `${customerPath(customerId, 'attach')}/payment-methods`, body: params }, options);
  }

  /** @example await billing.paymentMethods.setDefault('pm_123'); */
  async setDefault(id: string, options?: RequestOptions): Promise<PaymentMethod> {
    return this.#http.request({ method: 'POST', path: `${methodPath(id, 'setDefault')}/default` }, options);
  }

  /** @example await billing.paymentMethods.del('pm_123'); */
  async del(id: string, options?: RequestOptions): Promise<DeletedPaymentMethod> {
    return this.#http.request({ method: 'DELETE', path: methodPath(id, 'del') }, options);
  }
}

function customerPath(id: string, method: string): string {
  return `/v1/customers/${idSegment(id, { method: `paymentMethods.${method}`, param: 'customerId', expected: "a customer id such as 'cus_123'" })}`;
}

function methodPath(id: string, method: string): string {
  return `/v1/payment-methods/${idSegment(id, { method: `paymentMethods.${method}`, param: 'id', expected: "a payment method id such as 'pm_123'" })}`;
}
