import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { Credential, SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { ProductsRepository } from './products.repository';
import { createProductBody, listProductsQuery } from './product.schemas';
import type { CreateProductBody, ListProductsQuery } from './product.schemas';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { productListSchema, productSchema } from './product.schemas';

/** `/v1/products`: secret keys write; every credential reads (pricing pages run in browsers). */
@Controller('v1/products')
export class ProductsController {
  readonly #products: ProductsRepository;

  constructor(@Inject(ProductsRepository) products: ProductsRepository) {
    this.#products = products;
  }

  @Post()
  @Allow('secret')
  @ApiOperation({ summary: 'Create a product with its prices and features', body: createProductBody, response: productSchema })
  create(@Caller() caller: SecretCredential, @Body(new ZodValidationPipe(createProductBody)) body: CreateProductBody) {
    return this.#products.create(caller, body);
  }

  @Get()
  @Allow('secret', 'publishable', 'session')
  @ApiOperation({ summary: 'List products', query: listProductsQuery, response: productListSchema })
  list(@Caller() caller: Credential, @Query(new ZodValidationPipe(listProductsQuery, 'query')) query: ListProductsQuery) {
    return this.#products.list(caller, { active: query.active === undefined ? undefined : query.active === 'true' }, query);
  }

  @Get(':id')
  @Allow('secret', 'publishable', 'session')
  @ApiOperation({ summary: 'Retrieve a product', response: productSchema })
  get(@Caller() caller: Credential, @Param('id') id: string) {
    return this.#products.get(caller, id);
  }
}
