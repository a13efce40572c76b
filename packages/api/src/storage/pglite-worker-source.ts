/**
 * The PGlite side of `PGliteDatabase`, run in a worker thread from this source text. PGlite's
 * CommonJS build loads its WASM with dynamic `import()`, which jest's VM and some bundlers
 * cannot run; a worker is plain Node, and keeps the WASM work off the HTTP thread too.
 */
export const PGLITE_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { PGlite } = require(workerData.pglitePath);
const image = workerData.loadFrom ? { loadDataDir: new Blob([readFileSync(workerData.loadFrom)]) } : {};
const opened = PGlite.create({ dataDir: workerData.dataDir, ...image });
opened.then(() => parentPort.postMessage({ id: 0, result: null }), (error) => parentPort.postMessage({ id: 0, error: serialize(error) }));

function serialize(error) {
  return { message: String(error && error.message || error), code: error && error.code };
}

parentPort.on('message', async ({ id, op, sql, params }) => {
  try {
    const db = await opened;
    let result = null;
    if (op === 'query') result = (await db.query(sql, params)).rows;
    else if (op === 'exec') await db.exec(sql);
    else if (op === 'close') await db.close();
    else if (op === 'dump') {
      const partial = sql + '.' + process.pid + '.' + Math.random().toString(36).slice(2) + '.partial';
      writeFileSync(partial, Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()), { mode: 0o600 });
      renameSync(partial, sql);
    }
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: serialize(error) });
  }
});
`;
