/**
 * What the buyer is told after "Save offline": where the copy stands, or why there is none. The
 * browser keeps Cache Storage "best effort" (it may clear it when the device runs low on space)
 * unless the site asks for persistent storage, which it does when the buyer saves something.
 */
import { saveItem } from './content-cache';

export type Persistence = 'persistent' | 'best-effort' | 'unknown';

/** Asks the browser to keep this site's storage (granted or not, as the browser decides). */
async function askToPersist(): Promise<Persistence> {
	if (!navigator.storage?.persist) return 'unknown';
	try {
		return (await navigator.storage.persisted()) || (await navigator.storage.persist())
			? 'persistent'
			: 'best-effort';
	} catch {
		return 'unknown';
	}
}

export function savedMessage(persistence: Persistence) {
	return {
		persistent: 'Saved on this device. It stays until you log out.',
		'best-effort':
			'Saved on this device. The browser may remove it if the device runs low on space.',
		unknown: 'Saved on this device.'
	}[persistence];
}

export function failureMessage(error: unknown, online: boolean) {
	const name = (error as { name?: string } | null)?.name;
	if (!online) return 'Not saved: this device is offline. Connect and try again.';
	if (name === 'QuotaExceededError') return 'Not saved: this device is out of storage space.';
	if (name === 'NotSentError') {
		return 'Not saved: the store did not send this item. Reload the library and try again.';
	}
	return 'Not saved: something went wrong. Try again in a moment.';
}

export interface SaveOutcome {
	ok: boolean;
	message: string;
}

/** "Save offline" with its outcome in words; failures are also logged for the developer. */
export async function saveOffline(slug: string): Promise<SaveOutcome> {
	try {
		await saveItem(slug);
	} catch (error) {
		console.warn(`Could not save ${slug} offline`, error);
		return { ok: false, message: failureMessage(error, navigator.onLine) };
	}
	return { ok: true, message: savedMessage(await askToPersist()) };
}
