import { z } from 'zod';
import { PLACE_KINDS } from '../network';
import {
	checkbox,
	optionalId,
	optionalNumber,
	optionalText,
	requiredText,
	seenVersion
} from './common';

export const PLACE_FIELDS = [
	'name',
	'nameEn',
	'kind',
	'parentId',
	'ubigeo',
	'latitude',
	'longitude',
	'coordsApproximate',
	'aliases',
	'note',
	'version'
] as const;
export type PlaceField = (typeof PLACE_FIELDS)[number];

/** INEI's ubigeo: 2 digits for a department, 4 for a province, 6 for a district. */
const ubigeo = z
	.string()
	.trim()
	.refine((s) => s === '' || /^(?:\d{2}|\d{4}|\d{6})$/.test(s), 'ubigeo_invalid')
	.transform((s) => s || null);

/**
 * Other spellings, typed as "Tingo Maria, Tingo" and kept as a list. '|' also separates because
 * the database stores the list joined with it.
 */
const aliasList = optionalText(500).transform((s) =>
	s
		? [
				...new Set(
					s
						.split(/[,|]/)
						.map((a) => a.replace(/\s+/g, ' ').trim())
						.filter(Boolean)
				)
			]
		: []
);

export const placeSchema = z
	.object({
		name: requiredText(2, 120),
		nameEn: optionalText(120),
		kind: z.enum(PLACE_KINDS, { error: (i) => (i.input === '' ? 'required' : 'invalid') }),
		parentId: optionalId,
		ubigeo,
		latitude: optionalNumber(-90, 90, 'latitude_invalid'),
		longitude: optionalNumber(-180, 180, 'longitude_invalid'),
		coordsApproximate: checkbox,
		aliases: aliasList,
		note: optionalText(1000),
		version: seenVersion
	})
	.superRefine((v, ctx) => {
		// Half a coordinate cannot be drawn on a map; the error goes on the half that is missing.
		if ((v.latitude === null) !== (v.longitude === null)) {
			ctx.addIssue({
				code: 'custom',
				message: 'coordinates_pair',
				path: [v.latitude === null ? 'latitude' : 'longitude']
			});
		}
	});

export type PlaceInput = z.output<typeof placeSchema>;
