// A real PostgreSQL with the pgvector extension for the tests: PGlite (PostgreSQL compiled to
// WebAssembly) served over the PostgreSQL wire protocol on 127.0.0.1. Usage: node pgvector-server.mjs PORT
// Prints "READY <port>" once it accepts connections; stops when its standard input closes, so it
// never outlives the test JVM that started it.
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = Number(process.argv[2]);
const db = await PGlite.create({ extensions: { vector } });
// PGlite is one session; the socket server queues every connection's messages onto it and keeps a
// transaction's messages together. The tests use one connection at a time, but a connection that just
// closed may not be detached yet when the next one arrives, so a few are allowed at once.
const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 4 });
await server.start();
console.log(`READY ${port}`);

const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
