/** The file formats a list can be downloaded in (the route matcher runs in the browser too). */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
