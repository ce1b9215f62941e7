import { describe, expect, it } from 'vitest';
import { iosSafariNotInstalled } from '$lib/install';

const iphoneSafari =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const ipadSafari =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';
const iphoneChrome =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1';
const androidChrome =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

describe('iosSafariNotInstalled', () => {
	it('is Safari on an iPhone, or on an iPad (which says Macintosh but has a touch screen)', () => {
		expect(iosSafariNotInstalled(iphoneSafari, 5)).toBe(true);
		expect(iosSafariNotInstalled(ipadSafari, 5)).toBe(true);
	});

	it('is not a Mac, another iOS browser, Android, or the app already on the home screen', () => {
		expect(iosSafariNotInstalled(ipadSafari, 0)).toBe(false);
		expect(iosSafariNotInstalled(iphoneChrome, 5)).toBe(false);
		expect(iosSafariNotInstalled(androidChrome, 5)).toBe(false);
		expect(iosSafariNotInstalled(iphoneSafari, 5, true)).toBe(false);
	});
});
