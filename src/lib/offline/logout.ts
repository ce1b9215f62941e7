import { forgetPositions } from '$lib/reading/device';
import { purgeOfflineContent } from './content-cache';

/**
 * Submit handler of the logout forms: removes the device's copies of paid content and its
 * reading positions, then posts the form as usual. A failure to purge must not keep the buyer
 * logged in; the logout response's Clear-Site-Data header is the second line.
 */
export async function purgeThenLogOut(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
	event.preventDefault();
	const form = event.currentTarget;
	try {
		await Promise.allSettled([purgeOfflineContent(), forgetPositions()]);
	} finally {
		form.submit();
	}
}
