// Workspace pages are server-rendered forms and links: they work on any phone, JavaScript or not.
export const csr = false;
