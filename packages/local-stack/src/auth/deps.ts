import type { Sql } from 'postgres';
import { ApiError, validation } from './errors.ts';
import type { EmailBudget } from './email-budget.ts';
import type { Mailer } from './mailer.ts';
import type { AuthSettings } from './settings.ts';

/** What every route needs: settings, the database, the mailer, and the process-wide email budget. */
export interface Deps {
	settings: AuthSettings;
	sql: Sql;
	mailer: Mailer;
	emailBudget: EmailBudget;
}

const emailPattern =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** GoTrue's email check; returns the lowercased address or the reason it is refused. */
export function checkEmail(email: string): { email: string } | { error: string } {
	const trimmed = email.trim();
	if (trimmed.length > 255) return { error: 'An email address is too long' };
	if (!emailPattern.test(trimmed))
		return { error: 'Unable to validate email address: invalid format' };
	return { email: trimmed.toLowerCase() };
}

/** GoTrue's password strength check with the CLI's settings (6 characters at least, 72 at most). */
export function checkPasswordStrength(password: string) {
	if (password.length > 72) throw validation('Password cannot be longer than 72 characters');
	if (password.length < 6)
		throw new ApiError(422, 'weak_password', 'Password should be at least 6 characters.');
}
