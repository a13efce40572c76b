const {PGlite}=require('@electric-sql/pglite');
const fs=require('fs');
(async()=>{
  let t=Date.now(); const db=await PGlite.create(); console.log('create', Date.now()-t);
  t=Date.now(); await db.exec(fs.readFileSync('/work/main/packages/api/migrations/001_initial.sql','utf8')); console.log('migrate', Date.now()-t);
  t=Date.now(); const dump = await db.dumpDataDir('none'); console.log('dump', Date.now()-t, dump.size);
  t=Date.now(); const db2=await PGlite.create({loadDataDir: dump}); console.log('create from dump', Date.now()-t);
  t=Date.now(); console.log((await db2.query('select count(*) from merchants')).rows); console.log('q', Date.now()-t);
})()
