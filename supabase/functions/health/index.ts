// Reports whether the functions runtime reaches the database. Called with the anon key (or any
// valid JWT): `verify_jwt` stays on, so the open internet cannot use it to load the database.
import postgres from 'postgres';

const sql = postgres(Deno.env.get('SUPABASE_DB_URL')!, { max: 1, idle_timeout: 20 });

Deno.serve(async () => {
	try {
		const [row] = await sql`select current_setting('server_version_num')::int as version`;
		return Response.json({ ok: true, database: { reachable: true, version: row.version } });
	} catch (error) {
		console.error('database check failed:', error);
		return Response.json({ ok: false, database: { reachable: false } }, { status: 503 });
	}
});
