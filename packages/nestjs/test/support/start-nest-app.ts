import 'reflect-metadata';
import type { INestApplication, ModuleMetadata, NestApplicationOptions } from '@nestjs/common';
import { Test } from '@nestjs/testing';

export interface RunningNestApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** Compiles a test module into a real Nest HTTP app listening on loopback (port 0 unless given). */
export async function startNestApp(
  metadata: ModuleMetadata,
  options: NestApplicationOptions & { port?: number } = {},
): Promise<RunningNestApp> {
  const { port = 0, ...appOptions } = options;
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication({ logger: false, ...appOptions });
  await app.listen(port, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
