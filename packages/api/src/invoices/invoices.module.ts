import { Module } from '@nestjs/common';
import { InvoicesController } from './invoices.controller';
import { InvoicesRepository } from './invoices.repository';

/** Invoices: what customers owe and paid, numbered per merchant and mode. */
@Module({ controllers: [InvoicesController], providers: [InvoicesRepository], exports: [InvoicesRepository] })
export class InvoicesModule {}
