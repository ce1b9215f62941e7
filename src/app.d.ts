import type { SupabaseClient } from '@supabase/supabase-js';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			supabase: SupabaseClient;
			/** The logged-in user, verified with Supabase Auth once per request; null when logged out. */
			user: () => Promise<SessionUser | null>;
			/** The visitor's locale, negotiated from Accept-Language (src/lib/server/locale.ts). */
			locale: string;
		}
		interface PageData {
			/** The page's meta description, when it has one of its own (the layout has a default). */
			description?: string;
		}
		// interface PageState {}
		// interface Platform {}
	}

	/** What the store knows of a logged-in user: the verified JWT's subject, email and claims. */
	interface SessionUser {
		id: string;
		email: string;
		/** The verified claims the database's RLS rules read (never sent to the page). */
		claims: import('$lib/server/db').Claims;
	}
}

export {};
