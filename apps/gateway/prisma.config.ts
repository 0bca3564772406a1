// Prisma CLI settings for this service's database. The CLI runs its WASM schema engine through a
// driver adapter (engine 'js'), so nothing is downloaded; the 7.x adapter is used here only because
// the 6.19 adapter cannot read PostgreSQL's `name` type during `migrate deploy`.
import { PrismaPg } from '@prisma/adapter-pg-migrate';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, 'prisma', 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'prisma', 'migrations') },
  adapter: async () => {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error('DATABASE_URL is not set');
    return new PrismaPg({ connectionString });
  },
});
