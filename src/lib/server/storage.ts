import { adminClient } from './supabase';

/**
 * Supabase Storage as the store's server uses it: with the secret key, after the store's own
 * checks (the seller guard, the ownership rule). Covers in the public bucket `covers`, files for
 * owners in the private bucket `files`.
 */
export const COVERS = 'covers';
export const FILES = 'files';
/** Covers as uploaded, until the store has checked and resized them. */
export const UPLOADS = 'uploads';

export const bucket = (name: typeof COVERS | typeof FILES | typeof UPLOADS) =>
	adminClient().storage.from(name);

/** A short-lived link to one object of `files`, offered as a download under its own name. */
export async function downloadUrl(path: string, name: string, seconds = 60) {
	const { data, error } = await bucket(FILES).createSignedUrl(path, seconds, { download: name });
	if (error) throw error;
	return data.signedUrl;
}
