/** Errors services raise; routes and the CLI turn them into answers. */

export class NotFoundError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NotFoundError';
	}
}

export class NetworkNotFoundError extends NotFoundError {
	constructor(readonly slug: string) {
		super(`No network with slug "${slug}"`);
		this.name = 'NetworkNotFoundError';
	}
}
