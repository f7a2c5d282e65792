/**
 * The OpenAPI document turned into what the reference page lists: per operation its parameters,
 * body fields, answer fields and a curl example. Read from the document, so the page cannot say
 * something the API does not do.
 */
import type { OpenApiDocument } from './openapi';

type JsonSchema = {
	type?: string | string[];
	enum?: unknown[];
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
	description?: string;
	$ref?: string;
	anyOf?: JsonSchema[];
};

export interface ReferenceField {
	name: string;
	type: string;
	required: boolean;
	description: string;
}

export interface ReferenceOperation {
	id: string;
	method: string;
	path: string;
	summary: string;
	description: string;
	parameters: (ReferenceField & { in: string })[];
	body: ReferenceField[];
	answer: { schema: string; list: boolean; fields: ReferenceField[] } | null;
	statuses: { code: string; text: string }[];
	example: string;
}

function typeOf(s: JsonSchema | undefined): string {
	if (!s) return 'any';
	if (s.$ref) return s.$ref.split('/').pop()!;
	if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
	if (s.anyOf) return s.anyOf.map(typeOf).join(' | ');
	const t = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any');
	return t === 'array' ? `${typeOf(s.items)}[]` : t;
}

function fieldsOf(s: JsonSchema | undefined): ReferenceField[] {
	return Object.entries(s?.properties ?? {}).map(([name, p]) => ({
		name,
		type: typeOf(p),
		required: (s?.required ?? []).includes(name),
		description: p.description ?? ''
	}));
}

function exampleValue(p: ReferenceField & { enum?: unknown[] }): unknown {
	if (p.type.includes('"')) return JSON.parse(p.type.split(' | ')[0]);
	if (/Year$|^number$|hours|Count$/.test(p.name)) return 1;
	if (/On$/.test(p.name)) return '2025-06-01';
	return '…';
}

export function referenceOf(doc: OpenApiDocument, origin: string) {
	const schemas = doc.components.schemas as Record<string, JsonSchema>;
	const byTag = new Map<string, ReferenceOperation[]>();
	for (const [path, methods] of Object.entries(doc.paths)) {
		for (const [method, raw] of Object.entries(methods)) {
			const op = raw as {
				operationId: string;
				tags: string[];
				summary: string;
				description?: string;
				parameters: {
					name: string;
					in: string;
					required?: boolean;
					description?: string;
					schema: JsonSchema;
				}[];
				requestBody?: { content: Record<string, { schema: JsonSchema }> };
				responses: Record<
					string,
					{ description: string; content?: Record<string, { schema: JsonSchema }> }
				>;
			};
			const bodySchema = op.requestBody?.content['application/json'].schema;
			const body = fieldsOf(bodySchema);
			const [code, success] = Object.entries(op.responses)[0];
			const answerSchema = success.content?.['application/json'].schema;
			const data = answerSchema?.properties?.data;
			const list = data?.type === 'array';
			const ref = (list ? data?.items?.$ref : data?.$ref)?.split('/').pop();
			const exampleBody = Object.fromEntries(
				(body.some((f) => f.required) ? body.filter((f) => f.required) : body.slice(0, 1)).map(
					(f) => [f.name, exampleValue(f)]
				)
			);
			const url = `${origin}/api/v1${path}`.replace(/\{(\w+)\}/g, (_, n: string) => `{${n}}`);
			const example = [
				`curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} \\`,
				`  -H "Authorization: Bearer $MINKA_TOKEN" \\`,
				...(bodySchema
					? [`  -H "Content-Type: application/json" \\`, `  -d '${JSON.stringify(exampleBody)}' \\`]
					: []),
				`  "${url}${list ? '?limit=50' : ''}"`
			].join('\n');
			const entry: ReferenceOperation = {
				id: op.operationId,
				method: method.toUpperCase(),
				path,
				summary: op.summary,
				description: op.description ?? '',
				parameters: op.parameters.map((p) => ({
					name: p.name,
					in: p.in,
					type: typeOf(p.schema),
					required: Boolean(p.required),
					description: p.description ?? ''
				})),
				body,
				answer: ref ? { schema: ref, list, fields: fieldsOf(schemas[ref]) } : null,
				statuses: [
					{ code, text: success.description },
					...Object.entries(op.responses)
						.slice(1)
						.map(([c, r]) => ({ code: c, text: r.description }))
				],
				example
			};
			const tag = op.tags[0];
			byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
		}
	}
	return {
		title: doc.info.title,
		description: doc.info.description,
		baseUrl: `${origin}/api/v1`,
		error: fieldsOf(schemas.Error.properties?.error),
		sections: [...byTag.entries()].map(([tag, operations]) => ({ tag, operations }))
	};
}
