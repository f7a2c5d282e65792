/**
 * The core catalog: the 16 DFC core measures, shared by every network (network_id null). Their
 * names and definitions are data, stored in both languages like a custom indicator's.
 */
import {
	INDICATOR_CODES,
	parseIndicatorCode,
	type Measure,
	type Substance
} from '$lib/domain/survey/columns';
import type { Db } from '../db';
import { nowIso } from '../ids';
import { coreIndicatorId } from './queries';

const SUBSTANCE_NAME: Record<Substance, { es: string; en: string }> = {
	alcohol: { es: 'alcohol', en: 'alcohol' },
	tobacco: { es: 'tabaco', en: 'tobacco' },
	marijuana: { es: 'marihuana', en: 'marijuana' },
	rx: {
		es: 'medicamentos de receta no recetados al estudiante',
		en: 'prescription drugs not prescribed to the student'
	}
};

/** What the risk item asks about (the DFC anchors). */
const RISK_ANCHOR: Record<Substance, { es: string; en: string }> = {
	alcohol: {
		es: 'tomar cinco o más tragos una o dos veces por semana',
		en: 'having five or more drinks once or twice a week'
	},
	tobacco: {
		es: 'fumar uno o más paquetes de cigarrillos al día',
		en: 'smoking one or more packs of cigarettes a day'
	},
	marijuana: {
		es: 'consumir marihuana una o dos veces por semana',
		en: 'using marijuana once or twice a week'
	},
	rx: {
		es: 'usar medicamentos de receta que no le fueron recetados',
		en: 'using prescription drugs not prescribed to them'
	}
};

/** What the disapproval items ask about. */
const USE_ANCHOR: Record<Substance, { es: string; en: string }> = {
	alcohol: {
		es: 'tomar uno o dos tragos casi todos los días',
		en: 'have one or two drinks nearly every day'
	},
	tobacco: { es: 'fumar cigarrillos', en: 'smoke cigarettes' },
	marijuana: { es: 'consumir marihuana', en: 'use marijuana' },
	rx: {
		es: 'usar medicamentos de receta que no le fueron recetados',
		en: 'use prescription drugs not prescribed to them'
	}
};

function definition(measure: Measure, substance: Substance) {
	const s = SUBSTANCE_NAME[substance];
	const risk = RISK_ANCHOR[substance];
	const use = USE_ANCHOR[substance];
	switch (measure) {
		case 'past30_use':
			return {
				name_es: `Consumo en los últimos 30 días: ${s.es}`,
				name_en: `Past 30-day use: ${s.en}`,
				numerator_es: `Estudiantes que consumieron ${s.es} al menos un día en los últimos 30 días`,
				numerator_en: `Students who used ${s.en} on at least one day in the past 30 days`
			};
		case 'perceived_risk':
			return {
				name_es: `Percepción de riesgo: ${s.es}`,
				name_en: `Perception of risk: ${s.en}`,
				numerator_es: `Estudiantes que ven un riesgo moderado o grande en ${risk.es}`,
				numerator_en: `Students who see a moderate or great risk in ${risk.en}`
			};
		case 'parental_disapproval':
			return {
				name_es: `Desaprobación percibida de los padres: ${s.es}`,
				name_en: `Perceived parental disapproval: ${s.en}`,
				numerator_es: `Estudiantes que dicen que sus padres verían mal o muy mal ${use.es}`,
				numerator_en: `Students who say their parents would feel it wrong or very wrong to ${use.en}`
			};
		case 'peer_disapproval':
			return {
				name_es: `Desaprobación percibida de los amigos: ${s.es}`,
				name_en: `Perceived peer disapproval: ${s.en}`,
				numerator_es: `Estudiantes que dicen que sus amigos verían mal o muy mal ${use.es}`,
				numerator_en: `Students who say their friends would feel it wrong or very wrong to ${use.en}`
			};
	}
}

/** The catalog's core rows, ready to insert. */
export function coreIndicatorRows(now = nowIso()) {
	return INDICATOR_CODES.map((code) => {
		const { measure, substance } = parseIndicatorCode(code)!;
		return {
			id: coreIndicatorId(code),
			network_id: null,
			code,
			kind: 'core',
			measure,
			substance,
			unit: 'percent',
			...definition(measure, substance),
			denominator_es: 'Estudiantes que respondieron la pregunta con una respuesta válida',
			denominator_en: 'Students with a valid answer to the item',
			source: 'Encuesta escolar de la coalición (medidas básicas DFC)',
			archived_at: null,
			created_at: now,
			updated_at: now
		};
	});
}

/**
 * Adds whichever core indicators are missing. Safe to run on every start and from several
 * instances at once: the ids are fixed and a second insert does nothing.
 */
export async function seedCoreIndicators(db: Db): Promise<number> {
	const rows = coreIndicatorRows();
	const existing = new Set(
		(
			await db
				.selectFrom('indicator')
				.select('id')
				.where(
					'id',
					'in',
					rows.map((r) => r.id)
				)
				.execute()
		).map((r) => r.id)
	);
	const missing = rows.filter((r) => !existing.has(r.id));
	if (missing.length === 0) return 0;
	await db
		.insertInto('indicator')
		.values(missing)
		.onConflict((oc) => oc.column('id').doNothing())
		.execute();
	return missing.length;
}
