#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { apply, down, reset, status, up } from './commands/commands.ts';
import { createContext } from './config/context.ts';

const usage = `Usage: local-stack <command> [--workdir DIR] [--quiet]

Commands:
  up        start every service that is not running, wait until healthy, print URLs and keys
  down      stop every service
  status    show each service's state
  reset     rebuild the database from migrations and seed (like \`supabase db reset\`)
  db:apply  rebuild one database of the running Postgres: --database NAME`;

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: {
		workdir: { type: 'string' },
		database: { type: 'string' },
		quiet: { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h', default: false }
	}
});

const command = positionals[0];
const quiet = values.quiet;

try {
	// Inside the try: a config.toml or signing keys file that cannot be read is reported, not thrown.
	const ctx = await createContext(values.workdir, quiet ? () => {} : (m) => console.log(m));
	switch (command) {
		case 'up':
			await up(ctx, { quiet });
			break;
		case 'down':
			await down(ctx);
			break;
		case 'status':
			process.exitCode = (await status(ctx)) ? 0 : 1;
			break;
		case 'reset':
			await reset(ctx);
			break;
		case 'db:apply':
			if (!values.database) throw new Error('db:apply needs --database NAME');
			await apply(ctx, values.database);
			break;
		default:
			console.log(usage);
			process.exitCode = values.help ? 0 : 2;
	}
} catch (error) {
	console.error(`\n${(error as Error).message}`);
	process.exitCode = 1;
}
