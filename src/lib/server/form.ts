import { fail, type ActionFailure } from '@sveltejs/kit';

export type FormFailure = ActionFailure<{ message: string }>;

const formTypes = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * The body of a form action, or the failure to answer with when there is none to read: every
 * action reads its form here, so a broken client or a probe gets a 4xx that says why, never a 500.
 * SvelteKit lets `text/plain` through (an HTML form can send it) but nothing parses it; a
 * truncated multipart body, a bad boundary or an undecodable one makes `formData()` throw; a body
 * over adapter-node's BODY_SIZE_LIMIT arrives as a stream error with status 413.
 */
export async function readForm(request: Request): Promise<FormData | FormFailure> {
	if (!formTypes.test(request.headers.get('content-type') ?? '')) {
		return fail(415, {
			message: 'Send this form as application/x-www-form-urlencoded or multipart/form-data.'
		});
	}
	try {
		return await request.formData();
	} catch (cause) {
		if ((cause as { status?: unknown } | null)?.status === 413) {
			return fail(413, { message: 'This form is too large to read.' });
		}
		return fail(400, {
			message: 'This form arrived incomplete or malformed. Reload the page and try again.'
		});
	}
}
