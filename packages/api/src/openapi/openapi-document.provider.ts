import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { buildOpenApiDocument } from './build-openapi-document';
import type { OpenApiDocument } from './build-openapi-document';

/** The document of the routes this app serves, built once the app has registered them all. */
@Injectable()
export class OpenApiDocumentProvider implements OnApplicationBootstrap {
  readonly #discovery: DiscoveryService;
  #document: OpenApiDocument | undefined;

  constructor(@Inject(DiscoveryService) discovery: DiscoveryService) {
    this.#discovery = discovery;
  }

  onApplicationBootstrap(): void {
    this.#document = this.#build();
  }

  get document(): OpenApiDocument {
    return (this.#document ??= this.#build());
  }

  #build(): OpenApiDocument {
    const controllers = this.#discovery.getControllers().flatMap((wrapper) => (wrapper.metatype ? [wrapper.metatype as abstract new (...args: never[]) => unknown] : []));
    return buildOpenApiDocument([...new Set(controllers)]);
  }
}
