/**
 * `@storefront/local-stack`: what the store's tests and scripts use of the stack. Everything else
 * in this package is its own business.
 */
export { stackCli, stackSettings, type StackSettings } from './settings.ts';
export type { StackPorts } from './config/ports.ts';
export { portOpen } from './process/probes.ts';
export { startStripeMock } from './testing/stripe-mock.ts';
export { stripeClient } from './testing/stripe.ts';
export { chromiumLaunchOptions, launchChromium } from './testing/browser.ts';
export { legacyKeysProject } from './testing/legacy-keys-project.ts';
export {
	codeIn,
	emailsTo,
	linksIn,
	mailCatcher,
	uniqueEmail,
	waitForEmail,
	waitForEmails,
	type CaughtEmail
} from './testing/mail.ts';
