// Public pages are complete as server-rendered HTML: no JavaScript is sent, which keeps them fast
// on a weak phone signal and within the page budget (npm run budget).
export const csr = false;
