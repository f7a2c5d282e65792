// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Actor } from '$lib/domain/access';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** the signed-in person with their roles; null when signed out or deactivated */
			actor: Actor | null;
		}
	}
}

export {};
