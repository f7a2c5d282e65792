/**
 * The Peru network: the default dataset, written from public facts (the program page in
 * ../shared/seeds and the coordinates in ../shared/domain-reference.md). Names follow the page,
 * with accents restored; the page's own spellings are kept as aliases so the outline importer
 * recognises them. Coordinates mark the district seat or city centre (about 1 km); a community
 * without its own point is shown at its district's, flagged approximate.
 */
import type { SeedNetwork, SeedPlace } from './types';

const c = true as const;

function community(
	name: string,
	aliases: string[] = [],
	extra: Partial<SeedPlace> = {}
): SeedPlace {
	return { kind: 'community', name, aliases, coalition: c, ...extra };
}

const lima: SeedPlace = {
	kind: 'program_region',
	name: 'Lima Metropolitana',
	nameEn: 'Lima Metropolitan Area',
	aliases: ['Lima'],
	lat: -12.05,
	lon: -77.04,
	approximate: true,
	phase: 1,
	children: [
		{
			kind: 'district',
			name: 'Callao',
			ubigeo: '070101',
			lat: -12.06,
			lon: -77.12,
			note: 'Provincia Constitucional del Callao; la página la lista al nivel de los distritos.',
			children: [
				community('Callao Norte'),
				community('Carmen de la Legua', ['Carmen de Legua']),
				community('Villa Señor de los Milagros'),
				community('La Chalaca'),
				community('Mi Perú'),
				community('Los Reyes')
			]
		},
		{
			kind: 'district',
			name: 'Cercado de Lima',
			ubigeo: '150101',
			lat: -12.05,
			lon: -77.04,
			children: [
				community('Conde de la Vega'),
				community('Mirones'),
				community('Barrios Altos'),
				community('Lima Cuadrada')
			]
		},
		{
			kind: 'district',
			name: 'La Victoria',
			ubigeo: '150115',
			lat: -12.07,
			lon: -77.02,
			children: [community('Balconcillo'), community('Matute')]
		},
		{
			kind: 'district',
			name: 'Rímac',
			aliases: ['El Rimac'],
			ubigeo: '150128',
			lat: -12.03,
			lon: -77.03,
			children: [community('El Rímac'), community('Manzano')]
		},
		{
			kind: 'district',
			name: 'Independencia',
			ubigeo: '150112',
			lat: -11.99,
			lon: -77.05,
			children: [community('El Ermitaño')]
		},
		{
			kind: 'district',
			name: 'Lurigancho',
			ubigeo: '150118',
			lat: -11.94,
			lon: -76.7,
			children: [community('Nicolás de Piérola')]
		},
		{
			kind: 'district',
			name: 'Villa El Salvador',
			ubigeo: '150142',
			lat: -12.21,
			lon: -76.94,
			children: [
				community('Sector 1'),
				community('Sector 2'),
				community('Sector 3'),
				community('Sector 7'),
				community('Distrital VES')
			]
		},
		{
			kind: 'district',
			name: 'San Juan de Lurigancho',
			ubigeo: '150132',
			lat: -11.98,
			lon: -77.0,
			children: [
				community('Ciudadela Mariscal Cáceres'),
				community('Manco Cápac'),
				community('San Hilarión'),
				community('Santa Elizabeth'),
				community('José Carlos Mariátegui'),
				community('Caja de Agua', ['Caja de Aguas']),
				community('Distrital SJL')
			]
		},
		{
			kind: 'district',
			name: 'Santa Anita',
			ubigeo: '150137',
			lat: -12.04,
			lon: -76.97,
			children: [
				community('Cooperativa La Universal', ['Coop. La Universal']),
				community('Distrital Santa Anita')
			]
		},
		{
			kind: 'district',
			name: 'San Juan de Miraflores',
			aliases: ['Miraflores'],
			ubigeo: '150133',
			lat: -12.16,
			lon: -76.97,
			note: 'La página escribe «Miraflores»; Pampas de San Juan está en San Juan de Miraflores.',
			children: [community('Pampas de San Juan'), community('Pampas de San Juan II')]
		},
		{
			kind: 'district',
			name: 'Villa María del Triunfo',
			ubigeo: '150143',
			lat: -12.17,
			lon: -76.93,
			approximate: true,
			children: [community('José Carlos Mariátegui'), community('Tablada de Lurín')]
		},
		{
			kind: 'district',
			name: 'Los Olivos',
			ubigeo: '150117',
			lat: -11.97,
			lon: -77.07,
			children: [community('Santa Ana'), community('Chavarría'), community('Villa del Norte')]
		}
	]
};

const andes: SeedPlace = {
	kind: 'program_region',
	name: 'Región Andina y Oriente',
	nameEn: 'Andean Region and East of the Andes',
	phase: 2,
	children: [
		{
			kind: 'city',
			name: 'Tingo María',
			ubigeo: '100601',
			lat: -9.3,
			lon: -76.0,
			note: 'Distrito de Rupa-Rupa, provincia de Leoncio Prado, Huánuco.',
			children: [
				community('Castillo Grande', [], { lat: -9.28, lon: -76.01, approximate: true }),
				community('Mariátegui')
			]
		},
		{
			kind: 'city',
			name: 'Tocache',
			ubigeo: '221001',
			lat: -8.19,
			lon: -76.51,
			note: 'Provincia de Tocache, San Martín.',
			children: [community('Villa Mercedes'), community('Cercado de Tocache', ['Cercado Tocache'])]
		},
		{
			kind: 'city',
			name: 'Ayacucho',
			ubigeo: '050101',
			lat: -13.16,
			lon: -74.22,
			note: 'Ciudad de Huamanga.',
			children: [community('Las Nazarenas'), community('San Juan Bautista')]
		},
		{
			kind: 'city',
			name: 'Pucallpa',
			ubigeo: '250101',
			lat: -8.38,
			lon: -74.55,
			note: 'Capital de Ucayali (distrito de Callería).',
			phaseInferred: true,
			phaseNoteEs:
				'La fase 2 nombra a Ucayali, no a Pucallpa; la asignamos a esa fase por ser su capital.',
			phaseNoteEn:
				'Phase 2 names Ucayali, not Pucallpa; we place it in that phase because it is the capital.',
			children: [community('Las Palmeras')]
		},
		{
			kind: 'city',
			name: 'Huánuco',
			ubigeo: '100101',
			lat: -9.93,
			lon: -76.24,
			note: 'Nombrada como meta de la fase 2; el directorio no lista coaliciones aquí.'
		},
		{
			kind: 'city',
			name: 'Cusco',
			ubigeo: '080101',
			lat: -13.53,
			lon: -71.97,
			phase: 3,
			phaseInferred: true,
			phaseNoteEs:
				'El directorio la lista con la región andina, pero la fase 2 no nombra a Cusco y la fase 3 (2015) sí.',
			phaseNoteEn:
				'The directory lists it with the Andean region, but phase 2 does not name Cusco and phase 3 (2015) does.',
			children: [
				community('Huaro', [], { lat: -13.68, lon: -71.64, ubigeo: '081207' }),
				community('Urcos', [], { lat: -13.69, lon: -71.62, ubigeo: '081201' })
			]
		}
	]
};

const coast: SeedPlace = {
	kind: 'program_region',
	name: 'Región Costa',
	nameEn: 'Coastal Region',
	aliases: ['Costal Region'],
	phase: 3,
	seededBy: 'creser',
	children: [
		{
			kind: 'city',
			name: 'Arequipa',
			lat: -16.4,
			lon: -71.54,
			children: [
				{
					kind: 'district',
					name: 'Cerro Colorado',
					ubigeo: '040104',
					lat: -16.38,
					lon: -71.56,
					children: [community('Alto Libertad'), community('Cerro Viejo')]
				},
				{
					kind: 'district',
					name: 'Miraflores',
					ubigeo: '040110',
					lat: -16.39,
					lon: -71.52,
					approximate: true,
					note: 'Miraflores de Arequipa, no el distrito limeño.',
					children: [community('Chapi Chico')]
				}
			]
		},
		{
			kind: 'city',
			name: 'Trujillo',
			lat: -8.11,
			lon: -79.03,
			children: [
				{
					kind: 'district',
					name: 'Víctor Larco Herrera',
					ubigeo: '130111',
					lat: -8.13,
					lon: -79.05,
					children: [community('Buenos Aires Norte'), community('Buenos Aires Sur')]
				}
			]
		},
		{
			kind: 'city',
			name: 'Chiclayo',
			lat: -6.76,
			lon: -79.84,
			children: [
				{
					kind: 'district',
					name: 'Lambayeque',
					ubigeo: '140301',
					lat: -6.7,
					lon: -79.91,
					children: [community('San Martín')]
				},
				{
					kind: 'district',
					name: 'José Leonardo Ortiz',
					aliases: ['Ortiz'],
					ubigeo: '140105',
					lat: -6.75,
					lon: -79.83,
					approximate: true,
					note: 'La página escribe «Ortiz»; leemos el distrito José Leonardo Ortiz (por confirmar).',
					children: [community('José Leonardo')]
				}
			]
		},
		{
			kind: 'city',
			name: 'Piura',
			lat: -5.19,
			lon: -80.63,
			children: [
				{
					kind: 'district',
					name: 'Castilla',
					ubigeo: '200104',
					lat: -5.2,
					lon: -80.62,
					children: [community('El Indio'), community('Los Médanos')]
				}
			]
		}
	]
};

export const peru: SeedNetwork = {
	slug: 'peru',
	nameEs: 'Red de Coaliciones Comunitarias Antidrogas del Perú',
	nameEn: 'Peru Community Anti-Drug Coalitions Network',
	countryCode: 'PE',
	contactEmail: 'international@cadca.org',
	summaryEs:
		'Desde 2004, barrios y ciudades del Perú forman coaliciones donde el gobierno local y la sociedad civil trabajan juntos para prevenir el consumo de drogas y alcohol. Cada coalición parte de datos de su propia comunidad, arma un plan, fortalece a sus integrantes y moviliza a sus vecinos, con jóvenes en primera fila.',
	summaryEn:
		'Since 2004, neighbourhoods and cities across Peru have formed coalitions in which local government and civil society work side by side to prevent drug and alcohol misuse. Each coalition starts from its own community’s data, draws up a plan, builds up its members and mobilises its neighbours, with young people at the front.',
	organizations: [
		{
			slug: 'cadca',
			name: 'Community Anti-Drug Coalitions of America',
			shortName: 'CADCA',
			kind: 'international_trainer',
			countryCode: 'US',
			website: 'https://www.cadca.org',
			descriptionEs:
				'Organización estadounidense que enseña a las comunidades a formar coaliciones. El Perú fue el primer país fuera de Estados Unidos donde ofreció capacitación y asistencia técnica.',
			descriptionEn:
				'A U.S. organization that teaches communities how to build coalitions. Peru was the first country outside the United States where it offered training and technical assistance.'
		},
		{
			slug: 'cedro',
			name: 'Centro de Información y Educación para la Prevención del Abuso de Drogas',
			shortName: 'CEDRO',
			kind: 'national_ngo',
			countryCode: 'PE',
			descriptionEs:
				'ONG limeña fundada en 1986 que trabaja en información, educación e investigación sobre drogas. Acompañó a coaliciones de Lima y de la región andina.',
			descriptionEn:
				'A Lima NGO founded in 1986 that works on drug information, education and research. It supported coalitions in Lima and the Andean region.'
		},
		{
			slug: 'creser',
			name: 'CRESER',
			shortName: 'CRESER',
			kind: 'national_ngo',
			countryCode: 'PE',
			descriptionEs:
				'ONG peruana que impulsa el proyecto de coaliciones comunitarias en Lima, Callao y otras regiones, y que lideró la tercera fase en las ciudades de la costa.',
			descriptionEn:
				'A Peruvian NGO behind the community coalitions project in Lima, Callao and other regions, which led the third phase in the coastal cities.'
		},
		{
			slug: 'sumbi',
			name: 'SUMBI',
			shortName: 'SUMBI',
			kind: 'national_ngo',
			countryCode: 'PE',
			descriptionEs: 'ONG de Lima que participó en la primera fase de capacitación de coaliciones.',
			descriptionEn: 'A Lima NGO that took part in the first phase of coalition training.'
		},
		{
			slug: 'nas',
			name: 'Sección de Asuntos Antinarcóticos de la Embajada de los Estados Unidos en Lima',
			shortName: 'NAS',
			kind: 'funder',
			countryCode: 'US',
			descriptionEs:
				'Oficina de la Embajada de los Estados Unidos que financió la formación de coaliciones desde 2004.',
			descriptionEn: 'The U.S. Embassy office that funded coalition development from 2004 onwards.'
		}
	],
	phases: [
		{
			number: 1,
			nameEs: 'Piloto en Lima',
			nameEn: 'Lima pilot',
			startYear: 2004,
			endYear: 2009,
			summaryEs:
				'Cinco distritos de Lima fueron elegidos como comunidades piloto. Tras las primeras coaliciones, otras zonas de la capital siguieron el ejemplo: el efecto multiplicador.',
			summaryEn:
				'Five Lima districts were chosen as pilot communities. After the first coalitions, other parts of the capital followed their lead: the multiplier effect.',
			goals: [
				{
					metric: 'coalitions',
					target: 40,
					byYear: 2009,
					sourceText: 'By 2009, a network of 40 coalitions in 12 districts'
				},
				{
					metric: 'districts',
					target: 12,
					byYear: 2009,
					sourceText: 'By 2009, a network of 40 coalitions in 12 districts'
				}
			],
			targetPlaces: ['Lima Metropolitana'],
			partners: [
				{ organization: 'cadca', role: 'training_ta' },
				{ organization: 'cedro', role: 'implementation' },
				{ organization: 'creser', role: 'implementation' },
				{ organization: 'sumbi', role: 'implementation' },
				{ organization: 'nas', role: 'funding' }
			]
		},
		{
			number: 2,
			nameEs: 'Andes y oriente',
			nameEn: 'Andes and east of the Andes',
			startYear: 2009,
			summaryEs:
				'Nuevas coaliciones en ciudades y provincias de la sierra y de la selva, con doce comunidades elegidas en cinco zonas.',
			summaryEn:
				'New coalitions in cities and provinces of the highlands and the rainforest, with twelve communities chosen in five areas.',
			goals: [
				{
					metric: 'coalitions',
					target: 12,
					sourceText: 'a total of 12 communities were selected to develop coalitions'
				},
				{
					metric: 'cities',
					target: 5,
					sourceText:
						'five Peruvian provincial communities: Ayacucho, Tocache, Tingo Maria, Ucayali and Huánuco'
				}
			],
			targetPlaces: ['Ayacucho', 'Tocache', 'Tingo María', 'Pucallpa', 'Huánuco'],
			partners: [
				{ organization: 'cadca', role: 'training_ta' },
				{ organization: 'cedro', role: 'implementation' },
				{ organization: 'creser', role: 'implementation' },
				{ organization: 'nas', role: 'funding' }
			]
		},
		{
			number: 3,
			nameEs: 'Ciudades de la costa y del sur',
			nameEn: 'Coastal and southern cities',
			startYear: 2015,
			summaryEs: 'Trece coaliciones más en Arequipa, Chiclayo, Cusco, Lima, Piura y Trujillo.',
			summaryEn: 'Thirteen more coalitions in Arequipa, Chiclayo, Cusco, Lima, Piura and Trujillo.',
			goals: [
				{
					metric: 'coalitions',
					target: 13,
					sourceText: '13 additional coalitions established'
				},
				{
					metric: 'cities',
					target: 6,
					sourceText: 'in the cities of Arequipa, Chiclayo, Cusco, Lima, Piura and Trujillo'
				}
			],
			targetPlaces: ['Arequipa', 'Chiclayo', 'Cusco', 'Lima Metropolitana', 'Piura', 'Trujillo'],
			partners: [
				{ organization: 'cadca', role: 'training_ta' },
				{ organization: 'creser', role: 'implementation' }
			]
		}
	],
	places: [lima, andes, coast],
	stories: [
		{
			slug: 'lidia-carrasco-instituto-de-medio-ano',
			titleEs: 'Lidia Carrasco cruza fronteras por su comunidad',
			titleEn: 'Lidia Carrasco crosses borders for her community',
			summaryEs:
				'Una lideresa comunitaria sale del Perú por primera vez para capacitarse en el Instituto de Medio Año de CADCA y volver con herramientas para su coalición.',
			summaryEn:
				'A community leader leaves Peru for the first time to train at CADCA’s Mid-Year Training Institute and come home with tools for her coalition.',
			bodyEs: [
				'Lidia Carrasco quería hacer más por su comunidad. En su coalición ya había aprendido a reunir a vecinos, autoridades y jóvenes alrededor de un mismo plan para prevenir el consumo de drogas y alcohol.',
				'Ese deseo la llevó a su primer viaje al extranjero: el Instituto de Capacitación de Medio Año (Mid-Year Training Institute) de CADCA, un encuentro donde líderes de coaliciones de distintos lugares se forman en planificación, uso de datos locales y movilización de la comunidad.',
				'Su viaje muestra lo que la red practica desde 2004: la capacitación no se queda con quien la recibe. Lo aprendido vuelve al barrio y se comparte con toda la coalición.'
			].join('\n\n'),
			bodyEn: [
				'Lidia Carrasco wanted to do more for her community. Her coalition had already taught her how to bring neighbours, local authorities and young people together around one plan to prevent drug and alcohol misuse.',
				'That wish took her on her first trip abroad: CADCA’s Mid-Year Training Institute, a gathering where coalition leaders from many places train in planning, in using local data and in mobilising their communities.',
				'Her journey shows what the network has practised since 2004: training does not stay with the person who receives it. What is learned goes back to the neighbourhood and is shared with the whole coalition.'
			].join('\n\n')
		}
	],
	coalitionDescription: {
		es: 'Coalición comunitaria de {name}, en {place} ({region}). Vecinos, jóvenes, autoridades locales e instituciones del lugar se organizan para prevenir el consumo de drogas y alcohol.',
		en: 'Community coalition of {name}, in {place} ({region}). Neighbours, young people, local authorities and local institutions work together to prevent drug and alcohol misuse.'
	}
};
