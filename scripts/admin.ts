// `npm run admin -- grant|revoke <email>` and `npm run admin -- list`: who may use the studio.
// A seller is an account whose app_metadata says `"role": "admin"`, which only the server (the
// secret key) can write. Granting to an address without an account creates the account
// (confirmed, passwordless); its owner then logs in with the emailed link or code.
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';

const env = (...names: string[]) => {
	for (const name of names) if (process.env[name]) return process.env[name]!;
	throw new Error(`set ${names.join(' or ')} (see README "Configuration")`);
};

const [command, rawEmail] = process.argv.slice(2);
const sql = postgres(env('DATABASE_URL'), { max: 1, onnotice: () => {} });
const auth = createClient(
	env('PUBLIC_SUPABASE_URL'),
	env('SUPABASE_SECRET_KEY', 'SUPABASE_SERVICE_ROLE_KEY'),
	{ auth: { persistSession: false, autoRefreshToken: false } }
).auth.admin;

async function userId(email: string) {
	const [row] = await sql<{ id: string }[]>`
		select id from auth.users where lower(email) = ${email} and deleted_at is null`;
	return row?.id;
}

async function grant(email: string) {
	const id = await userId(email);
	const { error } = id
		? await auth.updateUserById(id, { app_metadata: { role: 'admin' } })
		: await auth.createUser({ email, email_confirm: true, app_metadata: { role: 'admin' } });
	if (error) throw error;
	console.log(
		`${email} is a seller${id ? '' : ' (account created)'}: log in at /login, then open /admin.`
	);
}

async function revoke(email: string) {
	const id = await userId(email);
	if (!id) throw new Error(`no account for ${email}`);
	// Supabase Auth merges app_metadata per key; null removes the key.
	const { error } = await auth.updateUserById(id, { app_metadata: { role: null } });
	if (error) throw error;
	console.log(`${email} is no longer a seller.`);
}

async function list() {
	const rows = await sql<{ email: string }[]>`
		select email from auth.users where raw_app_meta_data ->> 'role' = 'admin' order by email`;
	console.log(rows.length ? rows.map((r) => r.email).join('\n') : 'No sellers yet.');
}

try {
	const email = rawEmail?.trim().toLowerCase();
	if (command === 'list') await list();
	else if ((command === 'grant' || command === 'revoke') && email?.includes('@')) {
		await (command === 'grant' ? grant(email) : revoke(email));
	} else {
		console.log('Usage: npm run admin -- grant <email> | revoke <email> | list');
		process.exitCode = 2;
	}
} catch (error) {
	console.error((error as Error).message);
	process.exitCode = 1;
} finally {
	await sql.end();
}
