/**
 * The vocabulary generated records are written with: Peruvian-sounding place and person names and
 * plain Spanish descriptions. Data, not interface text, so it lives here and not in messages/.
 */
export const REGION_WORDS = [
	'Norte',
	'Sur',
	'Centro',
	'Oriente',
	'Costa',
	'Sierra',
	'Selva',
	'Altiplano',
	'Valles',
	'Frontera'
];

export const PLACE_PREFIXES = [
	'San',
	'Santa',
	'Villa',
	'Nueva',
	'Alto',
	'Bajo',
	'Puerto',
	'Pampa',
	'Cerro',
	'Valle'
];

export const PLACE_ROOTS = [
	'Rosa',
	'Miguel',
	'Esperanza',
	'Libertad',
	'Mirador',
	'Primavera',
	'Progreso',
	'Amauta',
	'Huayna',
	'Inti',
	'Quilla',
	'Sol',
	'Andes',
	'Ucayali',
	'Huallaga',
	'Marañón',
	'Chavín',
	'Paracas',
	'Condor',
	'Unión',
	'Florida',
	'Victoria',
	'Aurora',
	'Jardín',
	'Molino',
	'Huerta',
	'Totora',
	'Kantu',
	'Wayra',
	'Sumaq'
];

export const COMMUNITY_KINDS = [
	'Asentamiento Humano',
	'Barrio',
	'Comunidad',
	'Urbanización',
	'Centro Poblado',
	'Sector',
	'Caserío',
	'Pueblo Joven'
];

export const FIRST_NAMES_F = [
	'María',
	'Rosa',
	'Carmen',
	'Ana',
	'Luz',
	'Julia',
	'Elena',
	'Sofía',
	'Lucía',
	'Flor',
	'Juana',
	'Milagros',
	'Patricia',
	'Gladys',
	'Yesenia',
	'Nélida',
	'Ruth',
	'Karina'
];

export const FIRST_NAMES_M = [
	'José',
	'Juan',
	'Luis',
	'Carlos',
	'Jorge',
	'Víctor',
	'Miguel',
	'César',
	'Pedro',
	'Raúl',
	'Walter',
	'Edwin',
	'Óscar',
	'Julio',
	'Percy',
	'Hugo',
	'Wilmer',
	'Fredy'
];

export const LAST_NAMES = [
	'Quispe',
	'Flores',
	'Huamán',
	'Mamani',
	'Rojas',
	'García',
	'Sánchez',
	'Chávez',
	'Ramírez',
	'Torres',
	'Condori',
	'Vargas',
	'Mendoza',
	'Castillo',
	'Ccori',
	'Apaza',
	'Espinoza',
	'Salazar',
	'Paredes',
	'Cusi',
	'Yupanqui',
	'Ticona'
];

export const ORGANIZATION_NAMES = [
	'Asociación',
	'Centro',
	'Fundación',
	'Instituto',
	'Red',
	'Colectivo'
];

export const ORGANIZATION_TOPICS = [
	'para la Prevención Comunitaria',
	'de Desarrollo Juvenil',
	'de Salud y Familia',
	'por una Vida sin Drogas',
	'de Promoción Social',
	'de Educación Popular'
];

export const MEETING_TITLES = [
	'Reunión ordinaria',
	'Revisión del plan de acción',
	'Asamblea con la comunidad',
	'Comité de jóvenes',
	'Coordinación con la municipalidad',
	'Evaluación trimestral'
];

export const ACTIVITY_TEXTS = [
	'Charla sobre prevención del consumo de alcohol en el colegio',
	'Feria informativa en la plaza principal',
	'Taller de habilidades para padres de familia',
	'Campeonato deportivo juvenil sin alcohol',
	'Visita a bodegas para verificar la venta a menores',
	'Recuperación de un espacio público con los vecinos',
	'Mesa de trabajo con la comisaría sobre patrullaje',
	'Programa radial sobre riesgos del consumo',
	'Capacitación a docentes en tutoría preventiva',
	'Reunión con el concejo municipal sobre la ordenanza',
	'Entrega de material informativo casa por casa',
	'Mural comunitario con mensajes de prevención'
];

export const CHANGE_TITLES: Record<'program' | 'policy' | 'practice', string[]> = {
	program: [
		'Programa de tutoría entre pares en el colegio',
		'Escuela de padres en la parroquia',
		'Talleres deportivos los fines de semana'
	],
	policy: [
		'Ordenanza que restringe el horario de venta de alcohol',
		'Acuerdo municipal de espacios libres de alcohol',
		'Norma escolar sobre consumo en actividades del colegio'
	],
	practice: [
		'Las bodegas piden documento antes de vender alcohol',
		'La comisaría patrulla el parque en horario nocturno',
		'Las fiestas patronales sin venta a menores'
	]
};

export const TA_TOPICS = [
	'Evaluación comunitaria',
	'Modelo lógico',
	'Plan de acción',
	'Trabajo con la municipalidad',
	'Encuesta escolar',
	'Sostenibilidad',
	'Movilización de jóvenes',
	'Medios y comunicación'
];

export const PROBLEMS = [
	'Consumo de alcohol en adolescentes',
	'Inicio temprano del consumo de tabaco',
	'Consumo de marihuana en jóvenes'
];

export const ROOT_CAUSES = [
	'Fácil acceso al alcohol',
	'Baja percepción de riesgo',
	'Normas sociales permisivas',
	'Pocas alternativas para el tiempo libre'
];

export const LOCAL_CONDITIONS = [
	'Bodegas venden a menores sin pedir documento',
	'Fiestas del barrio con venta libre de alcohol',
	'Parque sin iluminación usado para consumir',
	'Padres que ofrecen alcohol en reuniones familiares',
	'Colegio sin tutoría sobre drogas'
];

export const OUTCOMES = [
	'Menos ventas de alcohol a menores',
	'Más estudiantes ven riesgo en el consumo',
	'Menor consumo en los últimos 30 días'
];

export const TASK_TITLES = [
	'Coordinar con la municipalidad',
	'Preparar materiales',
	'Convocar a voluntarios',
	'Visitar los colegios',
	'Reunirse con los comerciantes',
	'Registrar resultados'
];

export const STORY_TITLES = [
	'Un barrio que recuperó su parque',
	'Los jóvenes toman la palabra',
	'La ordenanza que nació en una asamblea',
	'Bodegas aliadas de la prevención',
	'Padres que aprendieron a conversar'
];
