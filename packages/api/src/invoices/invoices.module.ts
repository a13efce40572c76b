import { Module } from '@nestjs/common';
import { HostedInvoicePageController } from './hosted-invoice-page.controller';
import { HostedInvoiceQueries } from './hosted-invoice-page.details';
import { InvoicesController } from './invoices.controller';
import { InvoicesRepository } from './invoices.repository';

/** Invoices: what customers owe and paid, numbered per merchant and mode, each with a printable page. */
@Module({ controllers: [InvoicesController, HostedInvoicePageController], providers: [InvoicesRepository, HostedInvoiceQueries], exports: [InvoicesRepository, HostedInvoiceQueries] })
export class InvoicesModule {}
