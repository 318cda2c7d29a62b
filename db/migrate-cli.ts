// `npm run db:migrate`: applies pending migrations to the console database without starting the server.
import { consoleDbFile, openConsoleDb } from './index';

const file = consoleDbFile();
openConsoleDb(file).sqlite.close();
console.log(`[tinyapp] migrations applied: ${file}`);
