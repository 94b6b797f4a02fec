// Shared by the server-rendered first page and the client that loads the rest.
export const GALLERY_PAGE_SIZE = 24;
