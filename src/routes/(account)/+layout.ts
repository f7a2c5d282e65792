// Sign-in pages are plain forms: they work with JavaScript off, and send none.
export const csr = false;
