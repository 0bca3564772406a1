// The Prisma CLI settings shared by every service's prisma.config.ts.
//
// The CLI runs its WASM schema engine through a driver adapter (engine 'js'), so nothing is
// downloaded. Two fixes over the stock adapter:
//  - the 7.x adapter is used because 6.19's cannot read PostgreSQL's `name` type in `migrate deploy`;
//  - its executeScript splits a migration on every ';' and runs the pieces one by one, which breaks
//    dollar-quoted function bodies and leaves half-applied migrations behind on failure. Here a
//    migration is sent as one multi-statement query, which PostgreSQL runs as one transaction.
import { PrismaPg } from '@prisma/adapter-pg-migrate';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

type Adapter = {
  executeScript(script: string): Promise<void>;
  client: { query(sql: string): Promise<unknown> };
  onError(e: unknown): never;
};

function wholeScriptAtOnce<T extends object>(adapter: T): T {
  const a = adapter as unknown as Adapter;
  a.executeScript = async (script: string) => {
    try {
      await a.client.query(script);
    } catch (error) {
      a.onError(error);
    }
  };
  return adapter;
}

export function servicePrismaConfig(serviceDir: string) {
  return defineConfig({
    experimental: { adapter: true },
    engine: 'js',
    schema: path.join(serviceDir, 'prisma', 'schema.prisma'),
    migrations: { path: path.join(serviceDir, 'prisma', 'migrations') },
    adapter: async () => {
      const connectionString = process.env.DATABASE_URL;
      if (!connectionString) throw new Error('DATABASE_URL is not set');
      const factory = new PrismaPg({ connectionString });
      const connect = factory.connect.bind(factory);
      const connectToShadowDb = factory.connectToShadowDb.bind(factory);
      factory.connect = async () => wholeScriptAtOnce(await connect());
      factory.connectToShadowDb = async () => wholeScriptAtOnce(await connectToShadowDb());
      return factory;
    },
  });
}
