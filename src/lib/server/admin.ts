import { error, type RequestEvent } from '@sveltejs/kit';
import type { Returns } from '$shared/rows.ts';
import { asUser } from './db';

/**
 * The seller guard, asked of the database (`public.is_admin()`: the account's app_metadata says
 * admin, read live, and the session proved its address). Everyone else gets the same 404 as for
 * a page that does not exist: the studio does not admit it is there.
 */
export async function isAdmin(user: SessionUser | null): Promise<boolean> {
	if (!user) return false;
	const [{ admin }] = await asUser(
		user.claims,
		(sql) => sql<{ admin: Returns<'is_admin'> }[]>`select public.is_admin() as admin`
	);
	return admin;
}

export const notFound = () => error(404, { message: 'Not found' });

/** One answer per request, however many loads and actions ask. */
const answers = new WeakMap<App.Locals, Promise<boolean>>();

/** For every studio load, action and endpoint: the seller, or a 404. */
export async function requireAdmin(event: Pick<RequestEvent, 'locals'>): Promise<SessionUser> {
	const user = await event.locals.user();
	let answer = answers.get(event.locals);
	if (!answer) answers.set(event.locals, (answer = isAdmin(user)));
	if (!user || !(await answer)) notFound();
	return user!;
}

/** Runs a seller's queries under their own claims: the admin functions check the seller again. */
export const asAdmin = <T>(user: SessionUser, work: Parameters<typeof asUser<T>>[1]): Promise<T> =>
	asUser(user.claims, work);
