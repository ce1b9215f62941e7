import { createHmac, randomUUID } from 'node:crypto';

/**
 * Supabase Auth's Send Email Hook over HTTP: instead of sending an email itself, the server posts
 * the user and the email's data to the hook, signed as Standard Webhooks (what GoTrue does with
 * `GOTRUE_HOOK_SEND_EMAIL_URI` and `_SECRETS`). The hook's answer decides: 2xx sent, else an error.
 */
export interface SendEmailHook {
	uri: string;
	/** `v1,whsec_<base64>`; several are separated by `|`, and each signs the request. */
	secrets: string;
}

export interface EmailData {
	token: string;
	token_hash: string;
	redirect_to: string;
	email_action_type: string;
	site_url: string;
	token_new: string;
	token_hash_new: string;
}

/** The `webhook-signature` header: one `v1,<base64 HMAC-SHA256>` per secret, space-separated. */
export function hookSignature(secrets: string, id: string, timestamp: number, body: string) {
	return secrets
		.split('|')
		.map((secret) => {
			const key = Buffer.from(secret.trim().replace(/^v1,whsec_/, ''), 'base64');
			const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
			return `v1,${mac}`;
		})
		.join(' ');
}

export class HookError extends Error {
	readonly status: number;
	constructor(status: number, message: string) {
		super(message);
		this.status = status;
	}
}

/** Posts one email to the hook; throws HookError with the hook's own status and message. */
export async function callSendEmailHook(
	hook: SendEmailHook,
	user: Record<string, unknown>,
	emailData: EmailData
) {
	const body = JSON.stringify({ user, email_data: emailData });
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
				'webhook-signature': hookSignature(hook.secrets, id, timestamp, body)
			},
			body,
			signal: AbortSignal.timeout(5_000)
		});
	} catch (error) {
		throw new HookError(
			500,
			`Failed to reach hook within maximum time: ${(error as Error).message}`
		);
	}
	const text = await response.text();
	if (response.ok) return;
	let message = text;
	try {
		message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
	} catch {
		// not JSON: the body is the message
	}
	throw new HookError(response.status, message || `hook answered ${response.status}`);
}
