import { defineConfig } from 'drizzle-kit';

// One set of migration files, applied to PGlite and PostgreSQL alike (src/db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  casing: 'snake_case',
});
