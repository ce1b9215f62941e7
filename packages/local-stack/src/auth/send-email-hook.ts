import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	bodyOutcome,
	contentTypeProblem,
	hookLimits,
	hookSignature,
	hookTimedOut,
	hookUnreachable,
	internal,
	statusOutcome
} from './hook-response.ts';
import { unprocessable } from './errors.ts';

/**
 * Supabase Auth's Send Email Hook over HTTP, as GoTrue calls it (`GOTRUE_HOOK_SEND_EMAIL_URI` and
 * `_SECRETS`): instead of sending an email, the server posts the user and the email's data to the
 * hook, signed as Standard Webhooks, and the hook's answer decides. Failures are GoTrue's
 * `ApiError`s, which the caller answers as they are.
 */
export interface SendEmailHook {
	uri: string;
	/** `v1,whsec_<base64>`; several are separated by `|`, and each signs the request. */
	secrets: string;
}

/** `email_data`, every member GoTrue sends (the ones about changes and notifications empty here). */
export interface EmailData {
	token: string;
	token_hash: string;
	redirect_to: string;
	email_action_type: string;
	/** The API's external URL (`API_EXTERNAL_URL`), not the site URL. */
	site_url: string;
	token_new: string;
	token_hash_new: string;
	old_email: string;
	old_phone: string;
	provider: string;
	factor_type: string;
}

/** The whole payload: GoTrue's hook metadata, the user as GET /user shows it, the email's data. */
export function hookPayload(user: Record<string, unknown>, emailData: EmailData, ip: string) {
	return {
		metadata: {
			uuid: randomUUID(),
			time: new Date().toISOString(),
			name: 'send-email',
			ip_address: ip
		},
		user,
		email_data: emailData
	};
}

/** Reads at most `limit` bytes; more is GoTrue's 422 over the size limit. */
async function readLimited(response: Response, limit: number) {
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = response.body?.getReader();
	for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
		size += read.value.length;
		if (size > limit) {
			await reader!.cancel();
			throw unprocessable(
				'hook_payload_over_size_limit',
				`Payload size exceeded size limit of ${limit} bytes`
			);
		}
		chunks.push(read.value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * One email through the hook: up to three attempts within five seconds in all, two seconds apart
 * when the hook cannot be reached, at once again when it answers 429/503 with Retry-After. 204,
 * or 200/202 with a JSON body, means sent; the hook's `{"error": {http_code, message}}` comes
 * back to the caller as its status and message.
 */
export async function callSendEmailHook(
	hook: SendEmailHook,
	payload: unknown,
	limits = hookLimits
): Promise<void> {
	const body = JSON.stringify(payload);
	const secrets = hook.secrets.split('|');
	const deadline = AbortSignal.timeout(limits.timeoutMs);
	for (let attempt = 0; attempt < limits.attempts; attempt++) {
		const id = randomUUID();
		const timestamp = Math.floor(Date.now() / 1000);
		let response: Response;
		try {
			response = await fetch(hook.uri, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'webhook-id': id,
					'webhook-timestamp': String(timestamp),
					'webhook-signature': hookSignature(secrets, id, timestamp, body),
					'accept-encoding': 'identity'
				},
				body,
				signal: deadline
			});
		} catch {
			if (deadline.aborted) throw hookTimedOut(limits.timeoutMs);
			if (attempt === limits.attempts - 1) throw hookUnreachable();
			const waited = await sleep(limits.backoffMs, true, { signal: deadline }).catch(() => false);
			if (!waited) throw hookTimedOut(limits.timeoutMs);
			continue;
		}
		if (response.status === 204) return;
		if (response.status === 200 || response.status === 202) {
			const problem = contentTypeProblem(response.headers.get('content-type'));
			if (problem) throw problem;
			const text = await readLimited(response, limits.responseBytes).catch((error) => {
				throw deadline.aborted ? hookTimedOut(limits.timeoutMs) : error;
			});
			const failure = bodyOutcome(text);
			if (failure) throw failure;
			return;
		}
		await response.body?.cancel();
		const outcome = statusOutcome(response.status, response.headers.get('retry-after'));
		if (outcome !== 'retry') throw outcome;
	}
	throw internal('Service currently unavailable due to hook');
}
