import { describe, expect, it } from 'vitest';
import { NotSentError } from '$lib/offline/content-cache';
import { failureMessage, savedMessage } from '$lib/offline/save';

describe('what "Save offline" tells the buyer', () => {
	it('says whether the browser promised to keep the copy', () => {
		expect(savedMessage('persistent')).toBe('Saved on this device. It stays until you log out.');
		expect(savedMessage('best-effort')).toMatch(/may remove it if the device runs low on space/);
	});

	it('names the reason a save failed, offline first', () => {
		const quota = new DOMException('full', 'QuotaExceededError');
		expect(failureMessage(new TypeError('Failed to fetch'), false)).toMatch(/device is offline/);
		expect(failureMessage(quota, true)).toMatch(/out of storage space/);
		expect(failureMessage(new NotSentError('x'), true)).toMatch(/store did not send this item/);
		expect(failureMessage(new Error('?'), true)).toMatch(/something went wrong/);
		expect(failureMessage(undefined, true)).toMatch(/something went wrong/);
	});
});
