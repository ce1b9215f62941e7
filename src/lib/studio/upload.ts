/**
 * The studio's uploads from the browser: ask the store where to put the file (a signed upload URL
 * for one path), send the bytes straight to Supabase Storage with progress, then ask the store to
 * check what arrived. The store's server never buffers a large body.
 */
export interface UploadAnswer {
	ok: boolean;
	message?: string;
	name?: string;
	path?: string;
	signedUrl?: string;
}

async function ask(endpoint: string, body: unknown): Promise<UploadAnswer> {
	const response = await fetch(endpoint, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	try {
		return (await response.json()) as UploadAnswer;
	} catch {
		return { ok: false, message: `The store answered ${response.status}.` };
	}
}

function put(url: string, file: File, onProgress: (fraction: number) => void) {
	return new Promise<void>((resolve, reject) => {
		const request = new XMLHttpRequest();
		request.open('PUT', url);
		request.setRequestHeader('content-type', file.type || 'application/octet-stream');
		request.upload.onprogress = (e) => {
			if (e.lengthComputable) onProgress(e.loaded / e.total);
		};
		request.onload = () => {
			if (request.status < 300) return resolve();
			let message = `Storage answered ${request.status}.`;
			try {
				message = JSON.parse(request.responseText).message ?? message;
			} catch {
				// not JSON: keep the status
			}
			reject(new Error(message));
		};
		request.onerror = () => reject(new Error('The connection failed during the upload.'));
		request.send(file);
	});
}

/** Uploads one file through `endpoint`; resolves with the store's verdict on what arrived. */
export async function uploadViaStorage(
	endpoint: string,
	file: File,
	onProgress: (fraction: number) => void
): Promise<UploadAnswer> {
	const target = await ask(endpoint, { step: 'target', name: file.name, size: file.size });
	if (!target.ok || !target.signedUrl) return target;
	await put(target.signedUrl, file, onProgress);
	return ask(endpoint, { step: 'confirm', path: target.path });
}
