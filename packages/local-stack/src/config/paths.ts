import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project the stack serves: the nearest folder, from the working directory up, that holds
 * `supabase/config.toml`, as the Supabase CLI finds its project.
 */
export function findProjectRoot(from = process.cwd()): string {
	for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
		if (existsSync(path.join(dir, 'supabase', 'config.toml'))) return dir;
		if (dir === path.dirname(dir))
			throw new Error(
				`No supabase/config.toml in ${from} or above: run the stack from the project, or pass --workdir.`
			);
	}
}

/**
 * Where one stack instance keeps its state. `--workdir` (like the Supabase CLI's) points the
 * stack at another project folder, which tests use to run a broken copy of `supabase/`;
 * STACK_WORKDIR does the same for a whole run (a suite, and the stack it starts).
 */
export function stackPaths(workdir = process.env.STACK_WORKDIR || findProjectRoot()) {
	const local = path.join(workdir, '.local');
	return {
		workdir,
		supabase: path.join(workdir, 'supabase'),
		local,
		logs: path.join(local, 'logs'),
		run: path.join(local, 'run'),
		pgdata: path.join(local, 'postgres'),
		envFile: path.join(workdir, '.env')
	};
}

export type StackPaths = ReturnType<typeof stackPaths>;
