import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../errors/errors';
import { Database } from '../storage/database';
import type { Invoice } from './invoice';
import { InvoicesRepository } from './invoices.repository';

/** Who an invoice is from and to, as its page names them. */
export interface InvoiceParties {
  merchantId: string;
  merchantName: string;
  customerName: string | null;
  customerEmail: string | null;
}

/** Reads for the hosted invoice page (the invoice itself comes from `InvoicesRepository.byHostedToken`). */
@Injectable()
export class HostedInvoiceQueries {
  readonly #db: Database;
  readonly #invoices: InvoicesRepository;

  constructor(@Inject(Database) db: Database, @Inject(InvoicesRepository) invoices: InvoicesRepository) {
    this.#db = db;
    this.#invoices = invoices;
  }

  /** The invoice behind a hosted page's token, and who it is from and to; a generic 404 for anything else. */
  async page(token: string): Promise<{ invoice: Invoice; parties: InvoiceParties }> {
    const [invoice, parties] = /^[\w-]{16,64}$/.test(token) ? await Promise.all([this.#invoices.byHostedToken(token), this.parties(token)]) : [];
    if (!invoice || !parties) throw notFound('invoice', 'behind this link');
    return { invoice, parties };
  }

  async parties(token: string): Promise<InvoiceParties | undefined> {
    const [row] = await this.#db.query<{ merchant_id: string; merchant_name: string; customer_name: string | null; customer_email: string | null }>(
      `SELECT m.id AS merchant_id, m.name AS merchant_name, c.name AS customer_name, c.email AS customer_email
         FROM invoices i JOIN merchants m ON m.id = i.merchant_id JOIN customers c ON c.id = i.customer_id
        WHERE i.hosted_token = $1`,
      [token],
    );
    return row ? { merchantId: row.merchant_id, merchantName: row.merchant_name, customerName: row.customer_name, customerEmail: row.customer_email } : undefined;
  }
}
