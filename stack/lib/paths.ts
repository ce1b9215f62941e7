import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The project root: the folder holding `supabase/` and `package.json`. */
export const projectRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Where one stack instance keeps its state. `--workdir` (like the Supabase CLI's) points the
 * stack at another project folder, which tests use to run a broken copy of `supabase/`.
 */
export function stackPaths(workdir = projectRoot) {
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
