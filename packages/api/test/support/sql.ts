import { Client } from 'pg';

/** One statement on its own connection to `url`: how a test looks at (or bends) a database its API processes share. */
export async function sql(url: string, text: string, params: unknown[] = []) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query(text, params)).rows;
  } finally {
    await db.end();
  }
}
